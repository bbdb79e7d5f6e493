import { PRODUCT_NAME } from '../core/paths'

export interface AboutFacts {
  version: string
  dbPath: string
  classifierVersion: string
  /** process.versions under Electron; omitted elsewhere. */
  runtime?: { electron?: string; chrome?: string; node?: string }
}

export interface AboutText {
  title: string
  message: string
  detail: string
  /** What the dialog's Copy button puts on the clipboard: everything a bug report needs, as plain text. */
  clipboard: string
}

/**
 * The About dialog's wording, kept free of Electron so it is unit-tested; menu.ts only shows it.
 * The database path is on its own line because users are asked for it when they report a problem.
 */
export function aboutText(facts: AboutFacts): AboutText {
  const runtime = facts.runtime ?? {}
  const runtimeParts = [
    runtime.electron ? `Electron ${runtime.electron}` : null,
    runtime.chrome ? `Chromium ${runtime.chrome}` : null,
    runtime.node ? `Node ${runtime.node}` : null,
  ].filter((part): part is string => part !== null)
  const lines = [
    `Version: ${facts.version}`,
    `Classifier: ${facts.classifierVersion}`,
    `Database: ${facts.dbPath}`,
    ...(runtimeParts.length > 0 ? [`Runtime: ${runtimeParts.join(', ')}`] : []),
  ]
  const message = `${PRODUCT_NAME} ${facts.version}`
  const detail = [...lines, '', 'Works offline: your exports and the database never leave this computer.'].join('\n')
  return {
    title: `About ${PRODUCT_NAME}`,
    message,
    detail,
    clipboard: [PRODUCT_NAME, ...lines].join('\n'),
  }
}
