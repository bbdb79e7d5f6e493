import { writeFile, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Db } from '../../db/open'
import type { ResolvedScope } from '../lead-lists'
import { buildReportHtml } from './html'
import { readReportData, type ReportData, type ReportScope } from './report-data'

export type { ReportScope } from './report-data'
import { slug } from './words'

export type ReportFormat = 'html' | 'pdf'

export interface BuiltReport {
  html: string
  data: ReportData
  /** `bounce-report-weekly-deliverability-2026-11-20.html` */
  fileName: string
}

export interface ReportOptions {
  appVersion: string
  /** Fixed in tests; the time of the call otherwise. */
  now?: Date
}

/**
 * `bounce-report-<list>-<date>.<ext>`, the date being the snapshot's, or `<from>-to-<to>` for a
 * period; the list's name is cut down to letters and digits so it is safe on every file system.
 */
export function defaultReportFileName(listName: string, scope: ResolvedScope, format: ReportFormat): string {
  const dates =
    scope.kind === 'import' ? scope.snapshotDate : scope.from === scope.to ? scope.to : `${scope.from}-to-${scope.to}`
  return `bounce-report-${slug(listName, 'list')}-${dates}.${format}`
}

/** Reads the figures, draws the charts and writes the HTML document. */
export async function buildReport(db: Db, scope: ReportScope, options: ReportOptions): Promise<BuiltReport> {
  const data = readReportData(db, scope)
  // vega and vega-lite are loaded when a report is drawn, not by every process that can draw one
  // (the CLI's import loaded them for nothing: ~1 s of CPU and ~35 MB; bench/README.md, issue 14).
  const { renderTrendCharts } = await import('./charts')
  const charts = await renderTrendCharts(data.trend)
  const html = buildReportHtml(data, charts, { generatedAt: options.now ?? new Date(), appVersion: options.appVersion })
  return { html, data, fileName: defaultReportFileName(data.listName, data.scope, 'html') }
}

/**
 * Writes bytes to `path` through a temporary file beside it, so a failed write never leaves half
 * a report where the user expects a whole one. A path naming a folder gets `defaultName` inside.
 */
export async function writeReportFile(
  path: string,
  defaultName: string,
  content: string | Uint8Array,
): Promise<string> {
  const target = (await isFolder(path)) ? join(path, defaultName) : path
  const partial = `${target}.partial`
  try {
    await writeFile(partial, content)
    await rename(partial, target)
  } catch (error) {
    await rm(partial, { force: true })
    throw error
  }
  return target
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch {
    return false
  }
}
