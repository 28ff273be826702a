/**
 * The DICOM transfer syntaxes a PACS sends, with how each one stores its data set and pixels.
 * The import uses this table to decide how to read a file; codecs/registry.ts maps each to a decoder.
 */

export interface TransferSyntax {
  uid: string
  /** Name as in DICOM PS3.6 Annex A, shown to users in issues. */
  name: string
  /** Pixel data stored as fragments of a compressed stream (PS3.5 A.4). */
  encapsulated: boolean
  /** Data set and native pixel words are big endian (PS3.5 A.3). */
  bigEndian: boolean
  /** The data set after the file meta header is a raw deflate stream (PS3.5 A.5). */
  deflated: boolean
  /** The compression can lose information: decoded HU are close to, not equal to, the original. */
  lossy: boolean
}

function syntax(
  uid: string,
  name: string,
  flags: Partial<Omit<TransferSyntax, 'uid' | 'name'>> = {},
): TransferSyntax {
  return {
    uid,
    name,
    encapsulated: false,
    bigEndian: false,
    deflated: false,
    lossy: false,
    ...flags,
  }
}

const KNOWN: TransferSyntax[] = [
  syntax('1.2.840.10008.1.2', 'Implicit VR Little Endian'),
  syntax('1.2.840.10008.1.2.1', 'Explicit VR Little Endian'),
  syntax('1.2.840.10008.1.2.1.99', 'Deflated Explicit VR Little Endian', { deflated: true }),
  syntax('1.2.840.10008.1.2.2', 'Explicit VR Big Endian (retired)', { bigEndian: true }),
  syntax('1.2.840.10008.1.2.5', 'RLE Lossless', { encapsulated: true }),
  syntax('1.2.840.10008.1.2.4.50', 'JPEG Baseline (Process 1)', {
    encapsulated: true,
    lossy: true,
  }),
  syntax('1.2.840.10008.1.2.4.51', 'JPEG Extended (Process 2 & 4)', {
    encapsulated: true,
    lossy: true,
  }),
  syntax('1.2.840.10008.1.2.4.57', 'JPEG Lossless, Non-Hierarchical (Process 14)', {
    encapsulated: true,
  }),
  syntax(
    '1.2.840.10008.1.2.4.70',
    'JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 SV1)',
    {
      encapsulated: true,
    },
  ),
  syntax('1.2.840.10008.1.2.4.80', 'JPEG-LS Lossless', { encapsulated: true }),
  syntax('1.2.840.10008.1.2.4.81', 'JPEG-LS Lossy (Near-Lossless)', {
    encapsulated: true,
    lossy: true,
  }),
  syntax('1.2.840.10008.1.2.4.90', 'JPEG 2000 (Lossless Only)', { encapsulated: true }),
  syntax('1.2.840.10008.1.2.4.91', 'JPEG 2000', { encapsulated: true, lossy: true }),
  // Known so that a file in these syntaxes gets a precise "not supported" issue, not "unknown".
  syntax('1.2.840.10008.1.2.4.92', 'JPEG 2000 Part 2 Multi-component (Lossless Only)', {
    encapsulated: true,
  }),
  syntax('1.2.840.10008.1.2.4.93', 'JPEG 2000 Part 2 Multi-component', {
    encapsulated: true,
    lossy: true,
  }),
  syntax('1.2.840.10008.1.2.4.201', 'High-Throughput JPEG 2000 (Lossless Only)', {
    encapsulated: true,
  }),
  syntax('1.2.840.10008.1.2.4.203', 'High-Throughput JPEG 2000', {
    encapsulated: true,
    lossy: true,
  }),
  syntax('1.2.840.10008.1.2.4.100', 'MPEG2 Main Profile / Main Level', {
    encapsulated: true,
    lossy: true,
  }),
  syntax('1.2.840.10008.1.2.4.102', 'MPEG-4 AVC/H.264 High Profile', {
    encapsulated: true,
    lossy: true,
  }),
  syntax('1.2.840.10008.1.2.4.110', 'JPEG XL Lossless', { encapsulated: true }),
]

const BY_UID = new Map(KNOWN.map((ts) => [ts.uid, ts]))

/** The transfer syntax with this UID; an unknown UID is described as encapsulated with its UID as name. */
export function transferSyntax(uid: string): TransferSyntax {
  return BY_UID.get(uid) ?? syntax(uid, `unknown transfer syntax ${uid}`, { encapsulated: true })
}

/** "JPEG-LS Lossless (1.2.840.10008.1.2.4.80)": how issues name a transfer syntax. */
export function describeTransferSyntax(uid: string): string {
  const known = BY_UID.get(uid)
  return known ? `${known.name} (${uid})` : `unknown transfer syntax ${uid}`
}
