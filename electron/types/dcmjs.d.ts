// dcmjs ships no type declarations; this names the small part of its API LesionTrack uses.
declare module 'dcmjs' {
  /** A dataset in dcmjs' "naturalized" form: keyword → value, sequences as arrays of datasets. */
  export type NaturalDataset = Record<string, unknown>
  /** A dataset in dcmjs' tag form: 'GGGGEEEE' → { vr, Value }. */
  export type TagDataset = Record<string, { vr: string; Value?: unknown[]; InlineBinary?: string }>

  export class DicomDict {
    constructor(meta: TagDataset)
    meta: TagDataset
    dict: TagDataset
    write(options?: { allowInvalidVRLength?: boolean; fragmentMultiframe?: boolean }): ArrayBuffer
  }

  export const data: {
    DicomMessage: {
      readFile(
        buffer: ArrayBuffer,
        options?: { ignoreErrors?: boolean; untilTag?: string; includeUntilTagValue?: boolean },
      ): DicomDict
    }
    DicomMetaDictionary: {
      naturalizeDataset(dataset: TagDataset): NaturalDataset
      denaturalizeDataset(dataset: NaturalDataset): TagDataset
      /** Tag-keyed elements keyed by name with their VRs kept: the _meta datasetToBuffer takes. */
      namifyDataset(dataset: TagDataset): NaturalDataset
      uid(): string
    }
    DicomDict: typeof DicomDict
    /** A naturalized dataset (with its _meta) as Part 10 bytes. */
    datasetToBuffer(dataset: NaturalDataset): ArrayBuffer
  }

  /** OHIF's measurement report writer (Cornerstone tools 4): the tests read what it writes. */
  export const adapters: {
    Cornerstone: {
      MeasurementReport: {
        generateReport(
          toolState: Record<string, unknown>,
          metadataProvider: { get(type: string, imageId: string): unknown },
          options: Record<string, unknown>,
        ): { dataset: NaturalDataset }
      }
    }
  }

  const dcmjs: { data: typeof data; adapters: typeof adapters }
  export default dcmjs
}
