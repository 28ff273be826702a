/**
 * One vtk.js slice view bound to a component's lifetime: builds the render window, renderer and
 * image slice when the element mounts, keeps them sized to it, and disposes all of them on unmount.
 */
import '@kitware/vtk.js/Rendering/Profiles/Volume'
import vtkDataArray from '@kitware/vtk.js/Common/Core/DataArray'
import vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData'
import vtkImageMapper from '@kitware/vtk.js/Rendering/Core/ImageMapper'
import { SlicingMode } from '@kitware/vtk.js/Rendering/Core/ImageMapper/Constants'
import vtkImageSlice from '@kitware/vtk.js/Rendering/Core/ImageSlice'
import vtkRenderer from '@kitware/vtk.js/Rendering/Core/Renderer'
import vtkRenderWindow from '@kitware/vtk.js/Rendering/Core/RenderWindow'
import vtkOpenGLRenderWindow from '@kitware/vtk.js/Rendering/OpenGL/RenderWindow'
import { onBeforeUnmount, onMounted, ref, shallowRef, type Ref } from 'vue'
import type { Vec3, VolumeGeometry } from '../../../electron/api/geometry'
import type { VolumeVoxels } from '../../../electron/api/records'
import { displayAxes, viewDirection } from './display-axes'
import { focalPointLps, parallelScaleMm, type ViewFocus } from './view-focus'

/** Distance (mm) of the camera from the slice; only the direction matters in parallel projection. */
const CAMERA_DISTANCE_MM = 1000

interface VtkPipeline {
  renderWindow: ReturnType<typeof vtkRenderWindow.newInstance>
  glWindow: ReturnType<typeof vtkOpenGLRenderWindow.newInstance>
  renderer: ReturnType<typeof vtkRenderer.newInstance>
  mapper: ReturnType<typeof vtkImageMapper.newInstance>
  slice: ReturnType<typeof vtkImageSlice.newInstance>
}

export function useSliceView(container: Ref<HTMLElement | null>) {
  const pipeline = shallowRef<VtkPipeline | null>(null)
  /** Bumped after every render, so overlays re-project their points. */
  const renderCount = ref(0)
  /** True once the vtk objects exist (after mount), until unmount. */
  const ready = ref(false)
  let geometry: VolumeGeometry | null = null
  let image: ReturnType<typeof vtkImageData.newInstance> | null = null
  let sliceIndex = 0
  let focus: ViewFocus | undefined
  let resizeObserver: ResizeObserver | null = null

  onMounted(() => {
    const element = container.value
    if (!element) return
    const renderWindow = vtkRenderWindow.newInstance()
    const renderer = vtkRenderer.newInstance({ background: [0, 0, 0] })
    renderWindow.addRenderer(renderer)
    const glWindow = vtkOpenGLRenderWindow.newInstance()
    glWindow.setContainer(element)
    renderWindow.addView(glWindow)
    const mapper = vtkImageMapper.newInstance()
    mapper.setSlicingMode(SlicingMode.K)
    const slice = vtkImageSlice.newInstance()
    slice.setMapper(mapper)
    slice.getProperty().setInterpolationTypeToLinear()
    renderer.getActiveCamera().setParallelProjection(true)
    pipeline.value = { renderWindow, glWindow, renderer, mapper, slice }
    resizeObserver = new ResizeObserver(() => resize())
    resizeObserver.observe(element)
    resize()
    ready.value = true
  })

  onBeforeUnmount(() => {
    resizeObserver?.disconnect()
    ready.value = false
    const p = pipeline.value
    pipeline.value = null
    if (!p) return
    p.renderer.removeAllViewProps()
    p.slice.delete()
    p.mapper.delete()
    image?.delete()
    image = null
    p.renderer.delete()
    p.glWindow.setContainer(null)
    p.glWindow.delete()
    p.renderWindow.delete()
  })

  function resize(): void {
    const p = pipeline.value
    const element = container.value
    if (!p || !element) return
    const { width, height } = element.getBoundingClientRect()
    const ratio = window.devicePixelRatio || 1
    p.glWindow.setSize(
      Math.max(1, Math.floor(width * ratio)),
      Math.max(1, Math.floor(height * ratio)),
    )
    placeCamera()
    render()
  }

  function render(): void {
    pipeline.value?.renderWindow.render()
    renderCount.value++
  }

  /**
   * Looks through the slice in the anatomical orientation of displayAxes (radiological display:
   * the patient's right on the left for axial slices), at the focus (else the whole slice fitted).
   */
  function placeCamera(): void {
    const p = pipeline.value
    if (!p || !geometry) return
    const [width, height] = p.glWindow.getSize()
    const focal = focalPointLps(geometry, sliceIndex, focus)
    const axes = displayAxes(geometry)
    const into = viewDirection(axes)
    const camera = p.renderer.getActiveCamera()
    camera.setFocalPoint(...focal)
    camera.setPosition(
      focal[0] - into[0] * CAMERA_DISTANCE_MM,
      focal[1] - into[1] * CAMERA_DISTANCE_MM,
      focal[2] - into[2] * CAMERA_DISTANCE_MM,
    )
    const down = axes.down.lps
    camera.setViewUp(-down[0], -down[1], -down[2])
    camera.setParallelScale(parallelScaleMm(geometry, focus, width, height))
    p.renderer.resetCameraClippingRange()
  }

  /** Shows a series; its Int16 voxels are handed to vtk without a copy. */
  function showVolume(volume: VolumeVoxels, initialSlice: number): void {
    const p = pipeline.value
    if (!p) return
    const g = volume.geometry
    const next = vtkImageData.newInstance()
    next.setDimensions([...g.dims])
    next.setSpacing([...g.spacingMm])
    next.setOrigin([...g.originLps])
    next.setDirection([...g.rowDirection, ...g.columnDirection, ...g.sliceNormal])
    next
      .getPointData()
      .setScalars(
        vtkDataArray.newInstance({ name: 'HU', numberOfComponents: 1, values: volume.hu }),
      )
    p.mapper.setInputData(next)
    image?.delete()
    image = next
    if (p.renderer.getViewProps().length === 0) p.renderer.addViewProp(p.slice)
    geometry = g
    showSlice(initialSlice)
  }

  function showSlice(k: number): void {
    const p = pipeline.value
    if (!p || !geometry) return
    sliceIndex = k
    p.mapper.setSlice(k)
    placeCamera()
    render()
  }

  /** Zooms and pans to a focus (undefined: the whole slice fitted). */
  function setFocus(next: ViewFocus | undefined): void {
    focus = next
    placeCamera()
    render()
  }

  function setWindowLevel(windowHu: number, levelHu: number): void {
    const p = pipeline.value
    if (!p) return
    p.slice.getProperty().setColorWindow(windowHu)
    p.slice.getProperty().setColorLevel(levelHu)
    render()
  }

  /** Where a patient LPS point appears, in CSS pixels from the view's top-left corner. */
  function projectToView(pointLps: Vec3): [number, number] | null {
    const p = pipeline.value
    if (!p) return null
    const [x, y] = p.glWindow.worldToDisplay(...pointLps, p.renderer)
    const ratio = window.devicePixelRatio || 1
    const height = p.glWindow.getSize()[1]
    return [x / ratio, (height - y) / ratio]
  }

  return { ready, renderCount, showVolume, showSlice, setFocus, setWindowLevel, projectToView }
}
