import { findElectronBinary } from './electron-binary'

/** Runs once in the runner process, whose output the list reporter shows (a worker's is not). */
export default function globalSetup(): void {
  if (findElectronBinary() === null) {
    console.log(
      'Electron smoke suite: SKIPPED, no Electron binary on this machine (node_modules/electron/dist, or ' +
        'ELECTRON_OVERRIDE_DIST_PATH). With internet: `npx install-electron`, `npm run native:electron`, then ' +
        '`npm run test:electron`.',
    )
  }
}
