// electron-vite build of the desktop app: main (with the pipeline worker as a second entry),
// the sandboxed preload (CommonJS, as sandboxed preloads must be) and the Vue renderer.
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'

const root = import.meta.dirname

export default defineConfig({
  main: {
    build: {
      // graphology's ESM cannot be loaded unbundled by Node (ERR_UNSUPPORTED_DIR_IMPORT);
      // native modules such as onnxruntime-node stay external.
      externalizeDeps: { exclude: ['graphology', 'graphology-components', 'graphology-types'] },
      rolldownOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          'pipeline-worker': resolve(root, 'electron/core/service/pipeline-worker.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [vue()],
    build: {
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
      chunkSizeWarningLimit: 2048,
    },
  },
})
