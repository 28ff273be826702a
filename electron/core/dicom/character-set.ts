/**
 * Text values (names, descriptions) by the file's Specific Character Set (0008,0005). The header
 * readers give each byte as one character, as Latin-1 would; a file in UTF-8, another ISO 8859
 * part or a Chinese set has its bytes recovered and decoded again, so names show as written.
 */

/** WHATWG encoding labels of the DICOM defined terms (PS3.3 C.12.1.1.2) TextDecoder knows. */
const ENCODINGS: Record<string, string> = {
  'ISO_IR 101': 'iso-8859-2',
  'ISO_IR 109': 'iso-8859-3',
  'ISO_IR 110': 'iso-8859-4',
  'ISO_IR 144': 'iso-8859-5',
  'ISO_IR 127': 'iso-8859-6',
  'ISO_IR 126': 'iso-8859-7',
  'ISO_IR 138': 'iso-8859-8',
  'ISO_IR 148': 'iso-8859-9',
  'ISO_IR 203': 'iso-8859-15',
  'ISO_IR 166': 'windows-874',
  'ISO_IR 192': 'utf-8',
  GB18030: 'gb18030',
  GBK: 'gbk',
  // Code extensions: the escape sequences of ISO 2022 select the sets as the text runs.
  'ISO 2022 IR 87': 'iso-2022-jp',
  'ISO 2022 IR 159': 'iso-2022-jp',
  'ISO 2022 IR 149': 'euc-kr',
}

/** Terms whose bytes are the Latin-1 characters the readers already give. */
const AS_READ = new Set(['', 'ISO_IR 6', 'ISO_IR 100', 'ISO 2022 IR 6', 'ISO 2022 IR 100'])

/** The encoding to decode text with; null when the readers' Latin-1 reading is already right. */
export function encodingOf(specificCharacterSet: string): string | null {
  const terms = specificCharacterSet.split('\\').map((term) => term.trim().toUpperCase())
  // With code extensions the first value is the default set; a later one may need a decoder.
  const decoded = terms.find((term) => !AS_READ.has(term) && ENCODINGS[term])
  return decoded ? ENCODINGS[decoded] : null
}

/** `raw` (one character per byte) decoded by `specificCharacterSet`; unchanged when ASCII. */
export function decodeText(raw: string, specificCharacterSet: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\u0000-\u007f]*$/.test(raw)) return raw
  const encoding = encodingOf(specificCharacterSet)
  if (!encoding) return raw
  const bytes = Uint8Array.from(raw, (c) => c.charCodeAt(0) & 0xff)
  return new TextDecoder(encoding).decode(bytes)
}
