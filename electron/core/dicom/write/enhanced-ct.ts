/**
 * Writes a CT volume as one Enhanced CT Image Storage file (multi-frame, one frame per slice), with
 * each frame's position in its Per-frame Functional Groups, as newer scanners export a series; or
 * as the Legacy Converted Enhanced CT file a converter makes of the classic series.
 */
import { writeFile } from 'node:fs/promises'
import { dot, pixelToLps, type Vec3, type VolumeGeometry } from '../../geometry/frames'
import {
  checkVolume,
  instanceNumberOf,
  RESCALE_INTERCEPT_HU,
  storedSlice,
  type CtVolumeToWrite,
} from './ct-series'
import { CHARACTER_SET_UTF8, el, encodePart10, formatDs, seq, type Dataset } from './encoder'
import { dicomDate, dicomPatientModule } from './patient-study'
import { codeItem } from './sr-content'
import { deriveUid } from './uid'
import {
  CT_IMAGE_STORAGE,
  ENHANCED_CT_IMAGE_STORAGE,
  LEGACY_CONVERTED_ENHANCED_CT_IMAGE_STORAGE,
} from '../sop-class'

/** How the one file differs from the classic series beyond its layout. */
export interface EnhancedCtOptions {
  /** SOP Instance UID of the file; defaults to one derived from the series UID. */
  sopInstanceUid?: string
  /**
   * RescaleIntercept of each slice k, written in the Per-frame Functional Groups; when left out,
   * one intercept of −1024 HU is written in the Shared Functional Groups.
   */
  interceptsHu?: number[]
  /**
   * SOP Instance UIDs of the classic slices, indexed by k: writes Legacy Converted Enhanced CT
   * Image Storage instead, each frame naming its source slice. Its functional groups are those a
   * converter can fill from classic slices: no Frame Anatomy or Irradiation Event Identification,
   * and what has no macro (KVP, kernel, SliceLocation) in the Unassigned Converted Attributes.
   */
  convertedFrom?: string[]
}

export interface WrittenEnhancedCt {
  file: string
  sopInstanceUid: string
  /** Enhanced CT, or Legacy Converted Enhanced CT with `convertedFrom`. */
  sopClassUid: string
  /** The 1-based frame holding slice k, indexed by k. */
  frameNumbers: number[]
}

/** Anatomic Region codes (SNOMED CT, CID 4031) for the BodyPartExamined terms the writers use. */
const ANATOMIC_REGIONS: Record<string, [string, string]> = {
  CHEST: ['51185008', 'Chest'],
  ABDOMEN: ['818981001', 'Abdomen'],
  PELVIS: ['816092008', 'Pelvis'],
  CHESTABDOMEN: ['416550000', 'Chest and Abdomen'],
  ABDOMENPELVIS: ['818982008', 'Abdomen and Pelvis'],
  CHESTABDPELVIS: ['416775004', 'Chest, Abdomen and Pelvis'],
}

/** Derived (rendered, not reconstructed from projections), primary, a static volume. */
const IMAGE_TYPE = ['DERIVED', 'PRIMARY', 'STATIC', 'NONE']

const dsList = (values: number[]) => values.map(formatDs)

/** One Pixel Value Transformation macro: stored × 1 + intercept = HU. */
function rescaleMacro(interceptHu: number): Dataset {
  return [
    seq(0x00289145, [
      [
        el(0x00281052, 'DS', formatDs(interceptHu)),
        el(0x00281053, 'DS', '1'),
        el(0x00281054, 'LO', 'HU'),
      ],
    ]),
  ]
}

/** The SOP class the options ask for. */
function sopClassOf(options: EnhancedCtOptions): string {
  return options.convertedFrom
    ? LEGACY_CONVERTED_ENHANCED_CT_IMAGE_STORAGE
    : ENHANCED_CT_IMAGE_STORAGE
}

/** Frame Anatomy and Irradiation Event Identification: what a scanner knows, a converter not. */
function acquisitionGroups(volume: CtVolumeToWrite): Dataset {
  const [code, meaning] = ANATOMIC_REGIONS[volume.bodyPartExamined ?? ''] ?? ANATOMIC_REGIONS.CHEST
  return [
    seq(0x00209071, [
      [
        seq(0x00082218, [
          codeItem({ CodeValue: code, CodingSchemeDesignator: 'SCT', CodeMeaning: meaning }),
        ]),
        el(0x00209072, 'CS', 'U'),
      ],
    ]),
    seq(0x00189477, [[el(0x00083010, 'UI', deriveUid(volume.seriesInstanceUid, 'irradiation'))]]),
  ]
}

/** The classic series' attributes that no functional group takes, kept by the converter as such. */
function unassignedSharedGroup(volume: CtVolumeToWrite): Dataset {
  return [
    seq(0x00209170, [
      [
        el(0x00180060, 'DS', volume.kvp === undefined ? '' : formatDs(volume.kvp)),
        el(0x00181100, 'DS', formatDs(volume.geometry.dims[0] * volume.geometry.spacingMm[0])),
        el(0x00181210, 'SH', volume.convolutionKernel ?? ''),
      ],
    ]),
  ]
}

function sharedGroups(volume: CtVolumeToWrite, options: EnhancedCtOptions): Dataset {
  const { geometry } = volume
  return [
    // PixelSpacing is (distance between rows, distance between columns) = (j spacing, i spacing).
    seq(0x00289110, [
      [
        el(0x00280030, 'DS', dsList([geometry.spacingMm[1], geometry.spacingMm[0]])),
        el(0x00180050, 'DS', formatDs(volume.sliceThicknessMm ?? geometry.spacingMm[2])),
      ],
    ]),
    seq(0x00209116, [
      [el(0x00200037, 'DS', dsList([...geometry.rowDirection, ...geometry.columnDirection]))],
    ]),
    seq(0x00289132, [
      [
        el(0x00281050, 'DS', formatDs(volume.windowCenterHu ?? 40)),
        el(0x00281051, 'DS', formatDs(volume.windowWidthHu ?? 400)),
      ],
    ]),
    seq(0x00189329, [
      [
        el(0x00089007, 'CS', IMAGE_TYPE),
        el(0x00089205, 'CS', 'MONOCHROME'),
        el(0x00089206, 'CS', 'VOLUME'),
        el(0x00089207, 'CS', 'NONE'),
      ],
    ]),
    ...(options.convertedFrom ? unassignedSharedGroup(volume) : acquisitionGroups(volume)),
    ...(options.interceptsHu ? [] : rescaleMacro(RESCALE_INTERCEPT_HU)),
  ]
}

/** Per frame of a converted file: the source slice's SliceLocation, and the slice itself. */
function convertedFrameGroups(
  positionLps: Vec3,
  geometry: VolumeGeometry,
  source: string,
): Dataset {
  return [
    seq(0x00209171, [[el(0x00201041, 'DS', formatDs(dot(positionLps, geometry.sliceNormal)))]]),
    seq(0x00209172, [[el(0x00081150, 'UI', CT_IMAGE_STORAGE), el(0x00081155, 'UI', source)]]),
  ]
}

/** The Per-frame Functional Groups item of frame `frameNumber`, which holds slice k. */
function frameGroups(
  geometry: VolumeGeometry,
  k: number,
  frameNumber: number,
  options: EnhancedCtOptions,
): Dataset {
  const positionLps = pixelToLps(geometry, [0, 0, k])
  return [
    seq(0x00209111, [
      [
        el(0x00209056, 'SH', '1'),
        el(0x00209057, 'UL', [frameNumber]),
        el(0x00209157, 'UL', [frameNumber]),
      ],
    ]),
    seq(0x00209113, [[el(0x00200032, 'DS', dsList(positionLps))]]),
    ...(options.interceptsHu ? rescaleMacro(options.interceptsHu[k]) : []),
    ...(options.convertedFrom
      ? convertedFrameGroups(positionLps, geometry, options.convertedFrom[k])
      : []),
  ]
}

/** The slice k of each frame, frame 1 first: frames run in InstanceNumber order of the classic series. */
function slicesByFrame(geometry: VolumeGeometry): number[] {
  const slices: number[] = []
  for (let k = 0; k < geometry.dims[2]; k++) slices[instanceNumberOf(geometry, k) - 1] = k
  return slices
}

function pixelData(volume: CtVolumeToWrite, options: EnhancedCtOptions): Uint8Array {
  const [columns, rows, sliceCount] = volume.geometry.dims
  const frameWords = columns * rows
  const words = new Int16Array(frameWords * sliceCount)
  slicesByFrame(volume.geometry).forEach((k, frame) => {
    const voxels = volume.hu.subarray(k * frameWords, (k + 1) * frameWords)
    const stored = storedSlice(
      voxels,
      volume.pixelStorage ?? 'signed16',
      k,
      options.interceptsHu?.[k] ?? RESCALE_INTERCEPT_HU,
    )
    words.set(new Int16Array(stored.buffer, stored.byteOffset, stored.length), frame * frameWords)
  })
  return new Uint8Array(words.buffer)
}

/**
 * The data set of the Enhanced CT (or Legacy Converted) file for `volume` (elements in any order;
 * the encoder sorts them). Exposed so that tests can alter one attribute before encoding.
 */
export function enhancedCtDataset(
  volume: CtVolumeToWrite,
  sopInstanceUid: string,
  options: EnhancedCtOptions = {},
): Dataset {
  checkVolume({ ...volume, sopInstanceUids: undefined })
  const { geometry } = volume
  const [columns, rows, sliceCount] = geometry.dims
  if (options.interceptsHu && options.interceptsHu.length !== sliceCount) {
    throw new Error(`${options.interceptsHu.length} intercepts given for ${sliceCount} slices`)
  }
  if (options.convertedFrom && options.convertedFrom.length !== sliceCount) {
    throw new Error(
      `${options.convertedFrom.length} source SOP Instance UIDs given for ${sliceCount} slices`,
    )
  }
  const storage = volume.pixelStorage ?? 'signed16'
  const date = dicomDate(volume.studyDate ?? '')
  const time = volume.studyTime ?? ''
  const dimensionUid = deriveUid(volume.seriesInstanceUid, 'dimension organization')
  return [
    el(0x00080005, 'CS', CHARACTER_SET_UTF8),
    el(0x00080008, 'CS', IMAGE_TYPE),
    el(0x00080016, 'UI', sopClassOf(options)),
    el(0x00080018, 'UI', sopInstanceUid),
    el(0x00080020, 'DA', date),
    el(0x00080021, 'DA', date),
    el(0x00080023, 'DA', date),
    el(0x00080030, 'TM', time),
    el(0x00080031, 'TM', time),
    el(0x00080033, 'TM', time),
    el(0x00080050, 'SH', volume.accessionNumber ?? ''),
    el(0x00080060, 'CS', 'CT'),
    el(0x00080070, 'LO', volume.manufacturer || 'LesionTrack'),
    el(0x00080090, 'PN', ''),
    el(0x00081030, 'LO', volume.studyDescription ?? ''),
    el(0x0008103e, 'LO', volume.seriesDescription ?? ''),
    el(0x00081090, 'LO', volume.manufacturerModelName || 'synthetic'),
    ...dicomPatientModule(volume.patient ?? {}, volume.studyDate ?? ''),
    el(0x00180015, 'CS', volume.bodyPartExamined ?? ''),
    el(0x00181000, 'LO', '1'),
    el(0x00181020, 'LO', 'LesionTrack'),
    el(0x00185100, 'CS', volume.patientPosition ?? 'HFS'),
    el(0x0020000d, 'UI', volume.studyInstanceUid),
    el(0x0020000e, 'UI', volume.seriesInstanceUid),
    el(0x00200010, 'SH', volume.studyId ?? '1'),
    el(0x00200011, 'IS', String(volume.seriesNumber ?? 1)),
    el(0x00200012, 'IS', '1'),
    el(0x00200013, 'IS', '1'),
    el(
      0x00200052,
      'UI',
      volume.frameOfReferenceUid ?? deriveUid(volume.seriesInstanceUid, 'frame'),
    ),
    el(0x00201040, 'LO', ''),
    seq(0x00209221, [[el(0x00209164, 'UI', dimensionUid)]]),
    seq(0x00209222, [
      [
        el(0x00209164, 'UI', dimensionUid),
        el(0x00209165, 'AT', [0x00209057]),
        el(0x00209167, 'AT', [0x00209111]),
      ],
    ]),
    el(0x00280002, 'US', [1]),
    el(0x00280004, 'CS', 'MONOCHROME2'),
    el(0x00280008, 'IS', String(sliceCount)),
    el(0x00280010, 'US', [rows]),
    el(0x00280011, 'US', [columns]),
    el(0x00280100, 'US', [16]),
    el(0x00280101, 'US', [storage === 'unsigned12' ? 12 : 16]),
    el(0x00280102, 'US', [storage === 'unsigned12' ? 11 : 15]),
    el(0x00280103, 'US', [storage === 'unsigned12' ? 0 : 1]),
    el(0x00282110, 'CS', '00'),
    el(0x00089205, 'CS', 'MONOCHROME'),
    el(0x00089206, 'CS', 'VOLUME'),
    el(0x00089207, 'CS', 'NONE'),
    el(0x00400555, 'SQ', []),
    el(0x00189004, 'CS', 'RESEARCH'),
    el(0x00280301, 'CS', 'NO'),
    el(0x20500020, 'CS', 'IDENTITY'),
    seq(0x52009229, [sharedGroups(volume, options)]),
    seq(
      0x52009230,
      slicesByFrame(geometry).map((k, frame) => frameGroups(geometry, k, frame + 1, options)),
    ),
    el(0x7fe00010, 'OW', pixelData(volume, options)),
  ]
}

/**
 * Writes `volume` as one Enhanced CT (or, with `convertedFrom`, Legacy Converted Enhanced CT) file
 * at `path`. Frame n holds the slice that the classic writer numbers InstanceNumber n (most
 * superior first), at ImagePositionPatient = pixelToLps(geometry, [0, 0, k]); the HU are those the
 * classic series stores.
 */
export async function writeEnhancedCt(
  path: string,
  volume: CtVolumeToWrite,
  options: EnhancedCtOptions = {},
): Promise<WrittenEnhancedCt> {
  const sopClassUid = sopClassOf(options)
  const sopInstanceUid =
    options.sopInstanceUid ??
    deriveUid(
      volume.seriesInstanceUid,
      options.convertedFrom ? 'legacy converted ct' : 'enhanced ct',
    )
  const dataset = enhancedCtDataset(volume, sopInstanceUid, options)
  await writeFile(path, encodePart10(dataset, sopClassUid, sopInstanceUid))
  const frameNumbers = Array.from({ length: volume.geometry.dims[2] }, (_, k) =>
    instanceNumberOf(volume.geometry, k),
  )
  return { file: path, sopInstanceUid, sopClassUid, frameNumbers }
}
