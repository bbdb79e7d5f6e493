/**
 * The dependency check in `npm run lint` (npm run lint:deps alone): no import cycles, and the
 * folder rules that electron/README.md, renderer/README.md and test/README.md state. Type-only
 * imports count too (tsPreCompilationDeps): a cycle through a type still ties two files together.
 * Which files may import 'electron' itself is an ESLint rule (eslint.config.js).
 */
const FEATURES = '(history|import|export|settings|watch|activity)'

/**
 * Where one feature builds on another by design, each through named modules (electron/README.md
 * says why): the activity history reads its files with the import's CSV scanner, runs as a job of
 * the import worker and writes its CSV with the export's writer; the worker's job table (and so
 * the lead import's ways in) names the activity job. Everything else between features is refused.
 */
const FEATURE_SEAMS = [
  {
    from: '^electron/main/activity/',
    own: '^electron/main/activity/',
    may: [
      '^electron/main/import/(csv-scanner|run-import-worker|worker-protocol)\\.ts$',
      '^electron/main/export/csv-writer\\.ts$',
    ],
  },
  {
    from: '^electron/main/import/job-kinds\\.ts$',
    own: '^electron/main/import/',
    may: ['^electron/main/activity/activity-job\\.ts$'],
  },
]

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Dependencies point one way: no file may reach itself through its imports.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-is-pure',
      comment:
        'electron/shared runs in main, the worker, the CLI and the renderer: it imports nothing but shared code (no node:*, electron, better-sqlite3, main or renderer).',
      severity: 'error',
      from: { path: '^electron/shared/' },
      to: { pathNot: '^electron/shared/' },
    },
    {
      name: 'renderer-through-window-api',
      comment: 'The renderer reaches the Node side only through window.api: no main, preload, cli or web code.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^electron/(main|preload|cli|web)/' },
    },
    {
      name: 'renderer-no-node',
      comment: 'The renderer is a web page: no Node built-ins, Electron or SQLite.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-no-native',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^node_modules/(electron|better-sqlite3)/' },
    },
    {
      name: 'preload-only-shared',
      comment: 'The sandboxed preload bundles electron and the shared IPC contract, nothing else.',
      severity: 'error',
      from: { path: '^electron/preload/' },
      to: { pathNot: '^(electron/shared/|node_modules/electron/)' },
    },
    {
      name: 'db-is-the-bottom',
      comment:
        'electron/main/db is storage: it imports shared code and other db files, never import/, export/, settings/, history/, core/ or shell/.',
      severity: 'error',
      from: { path: '^electron/main/db/' },
      to: { path: '^electron/main/', pathNot: '^electron/main/db/' },
    },
    {
      name: 'features-apart',
      comment: `The features (${FEATURES}) build on db and core, not on each other.`,
      severity: 'error',
      from: { path: `^electron/main/${FEATURES}/`, pathNot: FEATURE_SEAMS.map((seam) => seam.from) },
      to: { path: `^electron/main/${FEATURES}/`, pathNot: '^electron/main/$1/' },
    },
    ...FEATURE_SEAMS.map((seam) => ({
      name: 'features-apart-but-seams',
      comment: `${seam.from} may import another feature only through ${seam.may.join(', ')}.`,
      severity: 'error',
      from: { path: seam.from },
      to: { path: `^electron/main/${FEATURES}/`, pathNot: [seam.own, ...seam.may] },
    })),
    {
      name: 'features-not-the-wiring',
      comment:
        'Features export their handlers; only core/handlers.ts composes them. A feature imports handler-deps.ts, never the wiring itself.',
      severity: 'error',
      from: { path: `^electron/main/(db|${FEATURES.slice(1, -1)})/` },
      to: { path: '^electron/main/core/(handlers|app-context|ipc-dispatch)\\.ts$' },
    },
    {
      name: 'shell-only-from-the-entry',
      comment:
        'main/shell is the thin Electron shell: only the entry (main/index.ts) and tests import it, so everything else runs under plain Node.',
      severity: 'error',
      from: { pathNot: '^(electron/main/index\\.ts|electron/main/shell/|test/)' },
      to: { path: '^electron/main/shell/' },
    },
    {
      name: 'main-not-outer-layers',
      comment: 'main serves the CLI, the preview and the renderer; it imports none of them.',
      severity: 'error',
      from: { path: '^electron/main/' },
      to: { path: '^(electron/(cli|web|preload)/|renderer/)' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import the check cannot resolve would pass every rule unseen.',
      severity: 'error',
      from: { path: '^(electron|renderer)/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|dist|node_modules|\\.native)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.js', '.svelte', '.json'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types', 'svelte', 'browser'],
    },
  },
}
