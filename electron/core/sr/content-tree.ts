/**
 * Navigation helpers for a naturalized SR content tree (dcmjs form): find children by concept
 * code, read text, UID, code and numeric values. Codes are compared by value and scheme.
 */
import type { NaturalDataset } from 'dcmjs'
import type { Code } from './codes'

export type ContentItem = NaturalDataset

/** dcmjs gives a one-item sequence either as an object or as an array; always return an array. */
export function items(value: unknown): ContentItem[] {
  if (value === undefined || value === null) return []
  return (Array.isArray(value) ? value : [value]) as ContentItem[]
}

function firstCode(value: unknown): Code | undefined {
  return items(value)[0] as unknown as Code | undefined
}

/** The concept name code of an item. */
export function conceptName(item: ContentItem): Code | undefined {
  return firstCode(item.ConceptNameCodeSequence)
}

/** True when the item's concept name is one of `codeValues` (any coding scheme). */
export function isConcept(item: ContentItem, ...codeValues: string[]): boolean {
  const name = conceptName(item)
  return name !== undefined && codeValues.includes(String(name.CodeValue))
}

/** Children of `item` whose concept name is one of `codeValues`. */
export function childrenNamed(item: ContentItem, ...codeValues: string[]): ContentItem[] {
  return items(item.ContentSequence).filter((child) => isConcept(child, ...codeValues))
}

/** Children of `item` with the given value type (e.g. 'SCOORD'). */
export function childrenOfType(item: ContentItem, valueType: string): ContentItem[] {
  return items(item.ContentSequence).filter((child) => child.ValueType === valueType)
}

export function textValue(item: ContentItem | undefined): string {
  return item ? String(item.TextValue ?? '') : ''
}

export function uidValue(item: ContentItem | undefined): string {
  return item ? String(item.UID ?? '') : ''
}

export function codeValue(item: ContentItem | undefined): Code | undefined {
  return item ? firstCode(item.ConceptCodeSequence) : undefined
}

/** A NUM item's value and unit code, or undefined when it carries no measured value. */
export function numericValue(
  item: ContentItem,
): { value: number; unit: Code | undefined } | undefined {
  const measured = items(item.MeasuredValueSequence)[0]
  if (!measured) return undefined
  const value = Number(measured.NumericValue)
  if (!Number.isFinite(value)) return undefined
  return { value, unit: firstCode(measured.MeasurementUnitsCodeSequence) }
}
