/**
 * Minimal RFC 4180 CSV reading: quoted fields may hold commas and doubled quotes.
 * DL_info.csv needs nothing more, and a dependency would not make it clearer.
 */

/** Splits one CSV line into fields; returns null when a quoted field is never closed. */
export function splitCsvLine(line: string): string[] | null {
  const fields: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') {
        quoted = false
      } else {
        field += ch
      }
    } else if (ch === '"') {
      quoted = true
    } else if (ch === ',') {
      fields.push(field)
      field = ''
    } else {
      field += ch
    }
  }
  if (quoted) return null
  fields.push(field)
  return fields
}

/** Quotes a field when it holds a comma, quote or line break, as spreadsheet tools expect. */
export function csvField(value: string | number): string {
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}
