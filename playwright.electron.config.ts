import { defineConfig } from '@playwright/test'

// The desktop smoke suite: the built app under a real Electron (test/electron). It is separate from
// playwright.config.ts, whose suite runs the renderer in Chromium, because it needs the Electron
// binary and skips itself where there is none.
export default defineConfig({
  testDir: 'test/electron',
  globalSetup: './test/electron/global-setup.ts',
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
})
