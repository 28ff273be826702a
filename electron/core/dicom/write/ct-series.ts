/**
 * Writes a CT volume as a DICOM CT Image Storage series, one Part 10 file per slice, with the
 * image-plane attributes describing exactly where each voxel lies in patient LPS.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { dot, pixelToLps, type VolumeGeometry } from '../../geometry/frames'
import { CHARACTER_SET_UTF8, el, encodePart10, formatDs, type Dataset } from './encoder'
import { dicomDate, dicomPatientModule, type DicomPatient } from './patient-study'
import { deriveUid } from './uid'
import { CT_IMAGE_STORAGE } from '../sop-class'

/**
 * How voxels are stored: 'signed16' (16 bits stored, signed, GE-like) or 'unsigned12' (12 bits
 * stored, unsigned, Siemens-like, HU limited to −1024…3071). Both use RescaleIntercept −1024.
 */
export type CtPixelStorage = 'signed16' | 'unsigned12'

/** Everything about a CT series except its voxels. Only the two UIDs are required. */
export interface CtSeriesMeta {
  studyInstanceUid: string
  seriesInstanceUid: string
  patient?: Partial<DicomPatient>
  /** YYYY-MM-DD and HHMMSS. */
  studyDate?: string
  studyTime?: string
  studyId?: string
  studyDescription?: string
  accessionNumber?: string
  seriesNumber?: number
  seriesDescription?: string
  /** Defaults to a UID derived from the series UID. */
  frameOfReferenceUid?: string
  /** DICOM defined term, e.g. 'CHEST', 'ABDOMENPELVIS', 'CHESTABDPELVIS'. */
  bodyPartExamined?: string
  patientPosition?: 'HFS' | 'FFS' | 'HFP' | 'FFP'
  /** Defaults to the slice spacing. */
  sliceThicknessMm?: number
  windowCenterHu?: number
  windowWidthHu?: number
  manufacturer?: string
  manufacturerModelName?: string
  kvp?: number
  convolutionKernel?: string
  contrastAgent?: string
  pixelStorage?: CtPixelStorage
  /** One per slice k; defaults to `<series UID>.<k + 1>`. */
  sopInstanceUids?: string[]
}

/** A volume to write: geometry and Hounsfield units (i fastest, then j, then k) plus metadata. */
export interface CtVolumeToWrite extends CtSeriesMeta {
  geometry: VolumeGeometry
  hu: Int16Array
}

export interface WrittenCtSeries {
  /** Path of the file holding slice k, indexed by k. */
  files: string[]
  /** SOP Instance UID of slice k, indexed by k. */
  sopInstanceUids: string[]
  /** InstanceNumber of slice k, indexed by k. */
  instanceNumbers: number[]
}

/** The RescaleIntercept the writers use unless told otherwise. */
export const RESCALE_INTERCEPT_HU = -1024
const WRITES_IN_FLIGHT = 8

/** Throws a message naming what makes `volume` unwritable (size, directions, UID count). */
export function checkVolume(volume: CtVolumeToWrite): void {
  const { dims, rowDirection, columnDirection, sliceNormal } = volume.geometry
  const voxels = dims[0] * dims[1] * dims[2]
  if (!dims.every((d) => Number.isInteger(d) && d > 0)) {
    throw new Error(`volume dims ${dims.join('×')} must be positive whole numbers`)
  }
  if (volume.hu.length !== voxels) {
    throw new Error(
      `volume has ${volume.hu.length} voxels but its geometry says ${dims.join('×')} = ${voxels}`,
    )
  }
  const orthonormal =
    Math.abs(dot(rowDirection, rowDirection) - 1) < 1e-6 &&
    Math.abs(dot(columnDirection, columnDirection) - 1) < 1e-6 &&
    Math.abs(dot(rowDirection, columnDirection)) < 1e-6 &&
    Math.abs(dot(sliceNormal, rowDirection)) < 1e-6 &&
    Math.abs(dot(sliceNormal, columnDirection)) < 1e-6
  if (!orthonormal) throw new Error('volume row, column and slice directions must be orthonormal')
  if (volume.sopInstanceUids && volume.sopInstanceUids.length !== dims[2]) {
    throw new Error(
      `${volume.sopInstanceUids.length} SOP Instance UIDs given for ${dims[2]} slices`,
    )
  }
}

/** Stored pixel values of one slice (HU − intercept), in the representation the storage asks for. */
export function storedSlice(
  hu: Int16Array,
  storage: CtPixelStorage,
  sliceIndex: number,
  interceptHu = RESCALE_INTERCEPT_HU,
): Int16Array | Uint16Array {
  const max = storage === 'unsigned12' ? 4095 : 32767
  const min = storage === 'unsigned12' ? 0 : -32768
  const stored = storage === 'unsigned12' ? new Uint16Array(hu.length) : new Int16Array(hu.length)
  for (let n = 0; n < hu.length; n++) {
    const value = hu[n] - interceptHu
    if (value < min || value > max) {
      throw new Error(
        `slice ${sliceIndex} holds ${hu[n]} HU, outside what ${storage} storage can hold ` +
          `(${min + interceptHu}…${max + interceptHu} HU); clamp the volume or use signed16`,
      )
    }
    stored[n] = value
  }
  return stored
}

/** Instance numbers count from the most superior slice, the order a head-first scan produces. */
export function instanceNumberOf(geometry: VolumeGeometry, k: number): number {
  return geometry.sliceNormal[2] >= 0 ? geometry.dims[2] - k : k + 1
}

function sliceDataset(volume: CtVolumeToWrite, k: number, sopInstanceUid: string): Dataset {
  const { geometry } = volume
  const [columns, rows] = geometry.dims
  const storage = volume.pixelStorage ?? 'signed16'
  const date = dicomDate(volume.studyDate ?? '')
  const time = volume.studyTime ?? ''
  const positionLps = pixelToLps(geometry, [0, 0, k])
  const voxels = volume.hu.subarray(k * columns * rows, (k + 1) * columns * rows)
  const dsList = (values: number[]) => values.map(formatDs)
  return [
    el(0x00080005, 'CS', CHARACTER_SET_UTF8),
    el(0x00080008, 'CS', ['ORIGINAL', 'PRIMARY', 'AXIAL']),
    el(0x00080016, 'UI', CT_IMAGE_STORAGE),
    el(0x00080018, 'UI', sopInstanceUid),
    el(0x00080020, 'DA', date),
    el(0x00080021, 'DA', date),
    el(0x00080022, 'DA', date),
    el(0x00080023, 'DA', date),
    el(0x00080030, 'TM', time),
    el(0x00080031, 'TM', time),
    el(0x00080032, 'TM', time),
    el(0x00080033, 'TM', time),
    el(0x00080050, 'SH', volume.accessionNumber ?? ''),
    el(0x00080060, 'CS', 'CT'),
    el(0x00080070, 'LO', volume.manufacturer ?? ''),
    el(0x00080090, 'PN', ''),
    el(0x00081030, 'LO', volume.studyDescription ?? ''),
    el(0x0008103e, 'LO', volume.seriesDescription ?? ''),
    el(0x00081090, 'LO', volume.manufacturerModelName ?? ''),
    ...dicomPatientModule(volume.patient ?? {}, volume.studyDate ?? ''),
    el(0x00180010, 'LO', volume.contrastAgent ?? ''),
    el(0x00180015, 'CS', volume.bodyPartExamined ?? ''),
    el(0x00180050, 'DS', formatDs(volume.sliceThicknessMm ?? geometry.spacingMm[2])),
    el(0x00180060, 'DS', volume.kvp === undefined ? '' : formatDs(volume.kvp)),
    el(0x00181100, 'DS', formatDs(columns * geometry.spacingMm[0])),
    el(0x00181210, 'SH', volume.convolutionKernel ?? ''),
    el(0x00185100, 'CS', volume.patientPosition ?? 'HFS'),
    el(0x0020000d, 'UI', volume.studyInstanceUid),
    el(0x0020000e, 'UI', volume.seriesInstanceUid),
    el(0x00200010, 'SH', volume.studyId ?? '1'),
    el(0x00200011, 'IS', String(volume.seriesNumber ?? 1)),
    el(0x00200012, 'IS', '1'),
    el(0x00200013, 'IS', String(instanceNumberOf(geometry, k))),
    el(0x00200032, 'DS', dsList(positionLps)),
    el(0x00200037, 'DS', dsList([...geometry.rowDirection, ...geometry.columnDirection])),
    el(
      0x00200052,
      'UI',
      volume.frameOfReferenceUid ?? deriveUid(volume.seriesInstanceUid, 'frame'),
    ),
    el(0x00201040, 'LO', ''),
    el(0x00201041, 'DS', formatDs(dot(positionLps, geometry.sliceNormal))),
    el(0x00280002, 'US', [1]),
    el(0x00280004, 'CS', 'MONOCHROME2'),
    el(0x00280010, 'US', [rows]),
    el(0x00280011, 'US', [columns]),
    // PixelSpacing is (distance between rows, distance between columns) = (j spacing, i spacing).
    el(0x00280030, 'DS', dsList([geometry.spacingMm[1], geometry.spacingMm[0]])),
    el(0x00280100, 'US', [16]),
    el(0x00280101, 'US', [storage === 'unsigned12' ? 12 : 16]),
    el(0x00280102, 'US', [storage === 'unsigned12' ? 11 : 15]),
    el(0x00280103, 'US', [storage === 'unsigned12' ? 0 : 1]),
    el(0x00281050, 'DS', formatDs(volume.windowCenterHu ?? 40)),
    el(0x00281051, 'DS', formatDs(volume.windowWidthHu ?? 400)),
    el(0x00281052, 'DS', formatDs(RESCALE_INTERCEPT_HU)),
    el(0x00281053, 'DS', '1'),
    el(0x00281054, 'LO', 'HU'),
    el(0x7fe00010, 'OW', storedSlice(voxels, storage, k)),
  ]
}

/**
 * Writes `volume` into `dir` (created if needed) as files IM0001.dcm… numbered by InstanceNumber
 * (most superior slice first). Slice k of the volume is at ImagePositionPatient =
 * pixelToLps(geometry, [0, 0, k]); PixelSpacing and ImageOrientationPatient follow the geometry.
 */
export async function writeCtSeries(
  dir: string,
  volume: CtVolumeToWrite,
): Promise<WrittenCtSeries> {
  checkVolume(volume)
  await mkdir(dir, { recursive: true })
  const sliceCount = volume.geometry.dims[2]
  const written: WrittenCtSeries = { files: [], sopInstanceUids: [], instanceNumbers: [] }
  // A few writes in flight keep the disk busy while the next slice is encoded.
  const pending = new Set<Promise<void>>()
  for (let k = 0; k < sliceCount; k++) {
    const sopInstanceUid = volume.sopInstanceUids?.[k] ?? `${volume.seriesInstanceUid}.${k + 1}`
    const instanceNumber = instanceNumberOf(volume.geometry, k)
    const file = join(dir, `IM${String(instanceNumber).padStart(4, '0')}.dcm`)
    const bytes = encodePart10(
      sliceDataset(volume, k, sopInstanceUid),
      CT_IMAGE_STORAGE,
      sopInstanceUid,
    )
    const write = writeFile(file, bytes).then(() => {
      pending.delete(write)
    })
    pending.add(write)
    if (pending.size >= WRITES_IN_FLIGHT) await Promise.race(pending)
    written.files.push(file)
    written.sopInstanceUids.push(sopInstanceUid)
    written.instanceNumbers.push(instanceNumber)
  }
  await Promise.all(pending)
  return written
}
