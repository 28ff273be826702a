/** The renderer's way to the core's nearest-in-study-order choice, so both pick alike. */
export { nearestInOrder } from '../core/model/nearest-in-order'
