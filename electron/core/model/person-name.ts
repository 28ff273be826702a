/**
 * A DICOM Person Name (PN) as people write it: 'DOE^JANE^M^^' is 'DOE, JANE M'. Of the component
 * groups (alphabetic = ideographic = phonetic) the first that is filled is shown, the others
 * after it in parentheses, as Japanese and Korean names carry them.
 */

/** One component group ('family^given^middle^prefix^suffix') in reading order. */
function groupInWords(group: string): string {
  const [family = '', given = '', middle = '', prefix = '', suffix = ''] = group
    .split('^')
    .map((part) => part.trim())
  const first = [prefix, given, middle].filter(Boolean).join(' ')
  const name = family && first ? `${family}, ${first}` : family || first
  return suffix ? `${name}, ${suffix}` : name
}

/** The name in words; '' when it is empty. */
export function personName(pn: string): string {
  const [shown, ...others] = pn
    .split('=')
    .map(groupInWords)
    .filter((group) => group !== '')
  if (!shown) return ''
  return others.length > 0 ? `${shown} (${others.join(' = ')})` : shown
}
