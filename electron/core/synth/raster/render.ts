/**
 * Renders one study's CT volume slice by slice: table, anatomy in painting order, lesions, then
 * scanner noise, rounded to whole HU within the scanner's −1024…3071 range.
 */
import type { BodyModel } from '../anatomy/body-model'
import type { Structure } from '../anatomy/structure'
import { sliceBodyZ, sliceGrid, sliceSlab, type Acquisition } from '../acquisition'
import type { Rng } from '../prng'
import { paintBand, paintEllipse, SliceCanvas } from './canvas'
import type { TissueTable } from './tissues'
import { PlaneNoise } from './value-noise'

/** Anything painted after the anatomy, e.g. a lesion; slabMm is the slice's body z extent. */
export interface SlicePainter {
  zLowMm: number
  zHighMm: number
  paint(canvas: SliceCanvas, slabMm: [number, number]): void
}

export interface RenderInput {
  body: BodyModel
  anatomy: Structure[]
  painters: SlicePainter[]
  acquisition: Acquisition
  tissues: TissueTable
  /** Seed of the organ textures: fixed per patient so textures do not change between studies. */
  textureSeed: number
  rng: Rng
}

const NOISE_TABLE_SIZE = 1 << 16
const HU_MIN = -1024
const HU_MAX = 3071

function paintTable(canvas: SliceCanvas, input: RenderInput): void {
  // The table is fixed in the scanner; the patient lies on it with their back at backYMm.
  const top = input.body.backYMm + 0.5
  const centerX = -input.acquisition.tableShiftMm[0]
  const { tissues } = input
  paintBand(canvas, top, top + 4, centerX - 230, centerX + 230, tissues.tableShell)
  paintBand(canvas, top + 4, top + 38, centerX - 225, centerX + 225, tissues.tableFoam)
  paintBand(canvas, top + 38, top + 42, centerX - 225, centerX + 225, tissues.tableShell)
}

const TEXTURE_CELL_MM = 9

function paintAnatomy(canvas: SliceCanvas, input: RenderInput): void {
  const z = canvas.zMm
  const { tissues } = input
  const xRange: [number, number] = [canvas.x0Mm, canvas.x0Mm + canvas.width * canvas.spacingMm]
  const yRange: [number, number] = [canvas.y0Mm, canvas.y0Mm + canvas.height * canvas.spacingMm]
  input.anatomy.forEach((structure, index) => {
    if (z < structure.zLowMm || z > structure.zHighMm) return
    for (const section of structure.sections(z)) {
      const over: [number, number] | undefined =
        section.over === undefined
          ? undefined
          : section.over === 'lung'
            ? [-1000, -400]
            : [tissues[section.over] - 0.5, tissues[section.over] + 0.5]
      const amplitude = section.textureHu
      const noise = amplitude
        ? new PlaneNoise(input.textureSeed + index * 7919, z, TEXTURE_CELL_MM, xRange, yRange)
        : undefined
      paintEllipse(canvas, {
        ...section,
        hu: tissues[section.tissue],
        over,
        texture: noise && amplitude ? { noise, amplitudeHu: amplitude } : undefined,
      })
    }
  })
}

/** Gaussian noise values (HU); rows read them from random offsets so no pattern repeats. */
function noiseTable(sdHu: number, rng: Rng): Float32Array {
  const table = new Float32Array(NOISE_TABLE_SIZE)
  for (let n = 0; n < NOISE_TABLE_SIZE; n++) table[n] = rng.normal(0, sdHu)
  return table
}

/** Adds scanner noise to a painted slice and stores it as whole HU in the scanner's range. */
function addNoise(
  painted: Float32Array,
  target: Int16Array,
  width: number,
  noiseHu: Float32Array,
  rng: Rng,
): void {
  const offsets = noiseHu.length - width
  for (let j = 0; j < width; j++) {
    const offset = rng.nextUint32() % offsets
    const row = j * width
    for (let i = 0; i < width; i++) {
      let value = painted[row + i] + noiseHu[offset + i]
      if (value < HU_MIN) value = HU_MIN
      else if (value > HU_MAX) value = HU_MAX
      // Rounds half up without Math.round: the offset keeps the truncation on positive numbers.
      target[row + i] = ((value + 32768.5) | 0) - 32768
    }
  }
}

/** The volume in HU, i fastest, then j, then k (k = 0 is the most inferior slice). */
export function renderVolume(input: RenderInput): Int16Array {
  const { acquisition: a } = input
  const width = a.matrix
  const sliceSize = width * width
  const volume = new Int16Array(sliceSize * a.sliceCount)
  const grid = sliceGrid(a)
  const canvas = new SliceCanvas(grid.width, grid.height, grid.x0Mm, grid.y0Mm, grid.spacingMm, 0)
  const noise = noiseTable(a.noiseSdHu, input.rng.fork('noise table'))
  const noiseRng = input.rng.fork('noise offsets')
  for (let k = 0; k < a.sliceCount; k++) {
    canvas.zMm = sliceBodyZ(a, k)
    const slab = sliceSlab(a, k)
    canvas.fill(input.tissues.air)
    paintTable(canvas, input)
    paintAnatomy(canvas, input)
    for (const painter of input.painters) {
      if (slab[1] >= painter.zLowMm && slab[0] <= painter.zHighMm) painter.paint(canvas, slab)
    }
    addNoise(canvas.hu, volume.subarray(k * sliceSize, (k + 1) * sliceSize), width, noise, noiseRng)
  }
  return volume
}
