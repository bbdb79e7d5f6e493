import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'

const fromRoot = (path: string): string => resolve(import.meta.dirname, path)

export default defineConfig({
  main: {
    build: {
      lib: {
        // The import worker is its own entry: worker_threads loads it from a file next to index.js.
        entry: {
          index: fromRoot('electron/main/index.ts'),
          'import-worker': fromRoot('electron/main/import/import-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot be an ES module; with "type": "module" electron-vite would emit .mjs.
      lib: { entry: fromRoot('electron/preload/index.ts'), formats: ['cjs'] },
      rolldownOptions: { output: { entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: fromRoot('renderer'),
    build: { rolldownOptions: { input: fromRoot('renderer/index.html') } },
    plugins: [svelte({ configFile: fromRoot('svelte.config.js') })],
  },
})
