import { svelte } from '@sveltejs/vite-plugin-svelte'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  // Compiles the renderer's `.svelte.ts` modules (runes), so their logic is unit-tested as it runs.
  plugins: [svelte({ configFile: false, compilerOptions: { runes: true } })],
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // Vitest's own default is one fewer than the cores in a run: one file at a time on the two-core CI
    // machine. VITEST_WORKERS=2 runs two; not the default, because under a loaded machine the tests
    // that start import workers then ran past their 20 s (see test/README.md, "Two at a time").
    ...(process.env.VITEST_WORKERS ? { maxWorkers: Number(process.env.VITEST_WORKERS) } : {}),
    testTimeout: 20_000,
  },
})
