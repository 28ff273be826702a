/**
 * The frame conventions of the volumes the API sends (pixel ijk ↔ patient LPS mm), re-exported so
 * the renderer interprets VolumeGeometry with the same code as the core.
 */
export {
  cross,
  dot,
  pixelToLps,
  lpsToPixel,
  type Vec3,
  type VolumeGeometry,
} from '../core/geometry/frames'
export { isAxial } from '../core/geometry/axial'
