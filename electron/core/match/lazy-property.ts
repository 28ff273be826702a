/**
 * Record properties written only when first read (link evidence, explanations): most matcher
 * records are never shown. Own, enumerable properties like an object literal's getters, but
 * sharing one getter per property name, so that the records keep one fast shape.
 */

interface LazyProperty {
  /** Where each record keeps its pending computation, then its value (not enumerable). */
  hidden: symbol
  accessor: PropertyDescriptor
}

interface LazySlot {
  compute: (() => unknown) | undefined
  value: unknown
}

const properties = new Map<string, LazyProperty>()

function propertyFor(key: string): LazyProperty {
  let property = properties.get(key)
  if (!property) {
    const hidden = Symbol(key)
    property = {
      hidden,
      accessor: {
        enumerable: true,
        configurable: true,
        get(this: Record<symbol, LazySlot>) {
          const slot = this[hidden]
          if (slot.compute) {
            slot.value = slot.compute()
            slot.compute = undefined
          }
          return slot.value
        },
      },
    }
    properties.set(key, property)
  }
  return property
}

/**
 * Gives `target` an own, enumerable property `key` whose value `compute` makes when it is first
 * read (then kept); returns `target`, typed with the new property. An object literal with a getter
 * would do the same, but each such literal is a slow dictionary object with getters of its own.
 */
export function withLazy<T extends object, K extends string, V>(
  target: T,
  key: K,
  compute: () => V,
): T & Record<K, V> {
  const { hidden, accessor } = propertyFor(key)
  const slot: LazySlot = { compute, value: undefined }
  Object.defineProperty(target, hidden, { value: slot })
  Object.defineProperty(target, key, accessor)
  return target as T & Record<K, V>
}
