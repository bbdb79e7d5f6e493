/** The channels that save files the user takes away: the remove/review lead lists and the report. */
import {
  ApiError,
  type IpcHandlers,
  type LeadListExportRequest,
  type LeadListExportResponse,
  type ReportSaveRequest,
  type ReportSaveResponse,
} from '../../shared/ipc'
import { requireDb, type HandlerDeps } from '../core/handler-deps'
import { defaultFixListFileName, exportFixList, resolveFixListImport } from './fix-list'
import { exportLeadList, suggestLeadListFileName, type LeadListKind } from './lead-lists'
import { buildReport, defaultReportFileName, writeReportFile } from './report'

export type ExportChannel = 'exports:remove-list' | 'exports:review-list' | 'exports:fix-list' | 'reports:save'

/** What the preview and the CLI answer to a PDF request; the HTML prints to PDF in any browser. */
export const NO_PDF_MESSAGE =
  'PDF is made by the desktop app; save the HTML report and print it to PDF from your browser.'

export function createExportHandlers(deps: HandlerDeps): Pick<IpcHandlers, ExportChannel> {
  async function exportList(kind: LeadListKind, scope: LeadListExportRequest): Promise<LeadListExportResponse> {
    const db = requireDb(deps)
    // Resolving the name first checks the scope, so a bad request fails before a dialog opens.
    const defaultName = suggestLeadListFileName(db, kind, scope)
    const path = await deps.chooseSavePath({
      defaultName,
      filters: [{ name: 'CSV for Excel and Marketo', extensions: ['csv'] }],
    })
    if (path === null) return { saved: false }
    const { rows } = await exportLeadList(db, kind, scope, path)
    return { saved: true, rows, path }
  }

  async function saveFixList(importId: number | undefined): Promise<LeadListExportResponse> {
    const db = requireDb(deps)
    const { snapshotDate } = resolveFixListImport(db, importId)
    const path = await deps.chooseSavePath({
      defaultName: defaultFixListFileName(snapshotDate),
      filters: [{ name: 'CSV for Excel and Marketo', extensions: ['csv'] }],
    })
    if (path === null) return { saved: false }
    const { rows } = await exportFixList(db, importId, path)
    return { saved: true, rows, path }
  }

  async function saveReport(request: ReportSaveRequest): Promise<ReportSaveResponse> {
    const db = requireDb(deps)
    const { format, ...scope } = request
    const printToPdf = deps.printToPdf
    if (format === 'pdf' && !printToPdf) throw new ApiError('bad-request', NO_PDF_MESSAGE)
    // Built before the dialog: a bad scope fails first, and the name can carry the list's name.
    const report = await buildReport(db, scope, { appVersion: deps.version })
    const defaultName = defaultReportFileName(report.data.listName, report.data.scope, format)
    const path = await deps.chooseSavePath({
      defaultName,
      filters: [format === 'pdf' ? { name: 'PDF', extensions: ['pdf'] } : { name: 'Web page', extensions: ['html'] }],
    })
    if (path === null) return { saved: false }
    const content = format === 'pdf' && printToPdf ? await printToPdf(report.html) : report.html
    const saved = await writeReportFile(path, defaultName, content)
    return {
      saved: true,
      path: saved,
      format,
      bytes: typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength,
    }
  }

  return {
    'exports:remove-list': (scope) => exportList('remove', scope),
    'exports:review-list': (scope) => exportList('review', scope),
    'exports:fix-list': ({ importId }) => saveFixList(importId),
    'reports:save': (request) => saveReport(request),
  }
}
