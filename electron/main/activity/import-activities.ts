/**
 * Imports one Bulk Activity Extract file into the activity history, all or nothing.
 *
 * Events are keyed by Marketo's `marketoGUID`, so a file imported twice, or two overlapping
 * date windows, store each event once; the summary says how many were new.
 */
import { createHash } from 'node:crypto'
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { CLASSIFIER_VERSION, classify } from '../../shared/classify'
import { providerFromDomain } from '../../shared/classify/provider'
import type { ActivityImportSummary } from '../../shared/activity'
import { detach } from '../../shared/detach'
import {
  createActivityStore,
  reclassifyActivityDetails,
  type DetailClassification,
  type LeadFacts,
} from '../db/activity-store'
import type { Db } from '../db/open'
import {
  ActivityFileError,
  CsvSyntaxError,
  looksLikeJson,
  parseActivityDate,
  parseAttributes,
  readActivityHeader,
  readHeaderLine,
  sniffActivityDelimiter,
  type ActivityColumn,
  type ActivityHeader,
} from './activity-file'
import { scanActivityRows, type ActivityRow } from './activity-rows'

export { ActivityFileError }

export class ActivityImportCancelledError extends Error {
  override name = 'ActivityImportCancelledError'
}

export interface ActivityProgress {
  bytesRead: number
  totalBytes: number
  rows: number
}

export interface ImportActivitiesOptions {
  /** The name to report (a dropped file's own name); default: the path's base name. */
  fileName?: string
  onProgress?: (progress: ActivityProgress) => void
  signal?: AbortSignal
  /** Called before the last check of `signal`: a Cancel waiting in the worker's queue is seen. */
  pollCancel?: () => void
  now?: Date
}

const KEPT = new Set([6, 7, 8, 27])
const BOUNCES = new Set([8, 27])
const IMPORT_CACHE_KIB = 32 * 1024
const DELIMITER_NAMES = { ',': 'comma', '\t': 'tab', ';': 'semicolon', ' ': 'space' } as const

/** Classifies a Details text as the recipient's provider reads it; stored once per (text, provider). */
export function classifyDetail(text: string, domain: string | null): DetailClassification {
  const { verdict, reason, severity, category, hardBounce, replyCode, status, provider } = classify(
    text,
    domain ? { domain } : {},
  )
  return { verdict, reason, severity, category, hardBounce, replyCode, status, provider }
}

export async function importActivities(
  db: Db,
  path: string,
  options: ImportActivitiesOptions = {},
): Promise<ActivityImportSummary> {
  const fileName = options.fileName ?? basename(path)
  const size = await stat(path).then(
    (info) => info.size,
    (error: NodeJS.ErrnoException) => {
      throw new ActivityFileError(`${fileName}: cannot be read (${error.code ?? error.message})`)
    },
  )
  const { line: headerLine, encoding } = await readHeaderLine(path)
  const delimiter = sniffActivityDelimiter(headerLine)
  const hash = createHash('sha256')
  const store = createActivityStore(db)
  // Stored texts follow the classifier the app ships with, before new counts are added to them.
  reclassifyActivityDetails(db, CLASSIFIER_VERSION, classifyDetail)

  const summary: ActivityImportSummary = {
    kind: 'activities',
    fileId: 0,
    file: fileName,
    events: 0,
    newEvents: 0,
    byType: { send: 0, delivered: 0, bounced: 0, bouncedSoft: 0 },
    ignored: 0,
    ignoredByType: {},
    leads: 0,
    newLeads: 0,
    from: null,
    to: null,
    delimiter: DELIMITER_NAMES[delimiter],
    unknownColumns: [],
    unreadableCategories: 0,
  }
  let header: ActivityHeader | null = null
  let headerWidth = 0
  let minAt = Infinity
  let maxAt = -Infinity
  // One entry per lead the file names: its latest address and delivery, written once at the end.
  const leads = new Map<number, LeadFacts>()
  const mailingsSeen = new Set<number>()
  const details = new Map<string, number>()
  let bytesRead = 0

  const refuse = (line: number, column: ActivityColumn | null, why: string): never => {
    const where = column === null || !header ? '' : `, column ${(header.columns[column] ?? 0) + 1} (${column})`
    throw new ActivityFileError(`${fileName}, line ${line}${where}: ${why}. Nothing was imported.`)
  }
  const integer = (row: ActivityRow, column: ActivityColumn, required: boolean): number | null => {
    const index = header?.columns[column]
    // The usual cell, digits only, is read from the bytes; anything else as text, as before.
    const fast = row.digits(index)
    if (fast !== null) return fast
    const line = row.line
    const text = row.cell(index).trim()
    if (text === '') {
      if (required) refuse(line, column, `no value in '${column}'`)
      return null
    }
    const value = wholeNumber(text)
    if (value === null) refuse(line, column, `'${text.slice(0, 40)}' in '${column}' is not a whole number`)
    return value
  }
  const leadFacts = (id: number): LeadFacts => {
    let facts = leads.get(id)
    if (facts === undefined) {
      facts = { id }
      leads.set(id, facts)
    }
    return facts
  }
  const detailIdOf = (text: string, domain: string | null): number => {
    const recipientProvider = (domain && providerFromDomain(domain)) ?? ''
    const key = `${recipientProvider}\u0000${text}`
    const known = details.get(key)
    if (known !== undefined) return known
    const own = detach(text)
    const id = store.detailId(own, recipientProvider, domain, CLASSIFIER_VERSION, () => classifyDetail(own, domain))
    details.set(detach(key), id)
    return id
  }

  db.pragma(`cache_size = -${IMPORT_CACHE_KIB}`)
  db.exec('BEGIN IMMEDIATE')
  try {
    const fileId = store.insertFile({
      fileName,
      // Known once the file is read; set with the totals.
      sha256: '',
      size,
      importedAt: (options.now ?? new Date()).toISOString(),
    })
    summary.fileId = fileId
    // About 150 bytes per event in Marketo's files.
    const rebuildIndexes = store.suspendIndexesIfCheaper(size / 150)
    const readRow = (row: ActivityRow): void => {
      const line = row.line
      if (!header) {
        header = readActivityHeader(fileName, row.texts())
        headerWidth = row.width
        summary.unknownColumns = header.unknownColumns
        return
      }
      if (row.width === 1 && row.cell(0).trim() === '') return
      if (row.width !== headerWidth) {
        refuse(line, null, `${row.width} fields where the header has ${headerWidth}`)
      }
      const columns = header.columns
      const type = integer(row, 'activityTypeId', true) as number
      if (!KEPT.has(type)) {
        summary.ignored += 1
        summary.ignoredByType[type] = (summary.ignoredByType[type] ?? 0) + 1
        return
      }
      let id = row.digits(columns.marketoGUID)
      if (id === null) {
        const rawGuid = row.cell(columns.marketoGUID).trim()
        if (rawGuid === '') refuse(line, 'marketoGUID', `no value in 'marketoGUID'`)
        const numeric = wholeNumber(rawGuid)
        id = numeric !== null && numeric >= 0 ? numeric : store.textGuidId(detach(rawGuid))
      }
      const leadId = integer(row, 'leadId', true) as number
      let at = row.isoSeconds(columns.activityDate)
      if (at === null) {
        const rawDate = row.cell(columns.activityDate)
        at = parseActivityDate(rawDate)
        if (at === null) {
          refuse(
            line,
            'activityDate',
            `'${rawDate.slice(0, 40)}' is not a date this app reads (expected an ISO date-time such as 2024-03-14T09:30:00Z, as Marketo's API writes it)`,
          )
        }
      }
      const when = at as number
      let category: number | null = null
      let subcategory: number | null = null
      let detailId: number | null = null
      if (columns.attributes !== undefined && !BOUNCES.has(type)) {
        // A send's or delivery's values are not kept: its brackets, from the bytes, are checked.
        if (!row.bracketed(columns.attributes) && !looksLikeJson(row.cell(columns.attributes))) {
          refuse(line, 'attributes', 'the attributes cell is not a JSON object')
        }
      } else if (columns.attributes !== undefined) {
        let attributes
        try {
          attributes = parseAttributes(row.cell(columns.attributes))
        } catch (error) {
          refuse(
            line,
            'attributes',
            `the attributes cell is not a JSON object (${error instanceof Error ? error.message : String(error)})`,
          )
        }
        if (attributes) {
          category = categoryNumber(attributes.category)
          if (attributes.category !== null && attributes.category.trim() !== '' && category === null) {
            summary.unreadableCategories += 1
          }
          subcategory = categoryNumber(attributes.subcategory)
          const email = attributes.email?.trim().toLowerCase() ?? ''
          const domain = email.includes('@') ? email.slice(email.lastIndexOf('@') + 1) : null
          if (email !== '') {
            const facts = leadFacts(leadId)
            if (facts.emailAt === undefined || facts.emailAt <= when) {
              facts.email = detach(email)
              facts.emailAt = when
            }
          }
          const text = attributes.details?.trim() ?? ''
          if (text !== '') detailId = detailIdOf(text, domain)
        }
      }
      const facts = leadFacts(leadId)
      if (type === 7 && (facts.lastDeliveredAt === undefined || facts.lastDeliveredAt < when)) {
        facts.lastDeliveredAt = when
      }
      const mailingId = integer(row, 'primaryAttributeValueId', false)
      if (mailingId !== null && !mailingsSeen.has(mailingId)) {
        mailingsSeen.add(mailingId)
        const name = row.cell(columns.primaryAttributeValue).trim()
        if (name !== '') store.upsertMailing(mailingId, detach(name))
      }
      const campaignId = integer(row, 'campaignId', false)
      store.addEvent({
        id,
        leadId,
        at: when,
        type,
        category,
        subcategory,
        detailId,
        mailingId,
        campaignId,
        fileId,
      })
      summary.events += 1
      if (type === 6) summary.byType.send += 1
      else if (type === 7) summary.byType.delivered += 1
      else if (type === 8) summary.byType.bounced += 1
      else summary.byType.bouncedSoft += 1
      if (when < minAt) minAt = when
      if (when > maxAt) maxAt = when
    }

    const chunks = scanActivityRows(
      path,
      encoding,
      delimiter,
      (chunk) => {
        bytesRead += chunk.length
        hash.update(chunk)
      },
      readRow,
    )
    // The rows of each chunk are read as it is scanned; between chunks, Cancel and progress.
    for await (const _ of chunks) {
      if (options.signal?.aborted)
        throw new ActivityImportCancelledError(`${fileName}: import cancelled; nothing was saved.`)
      options.onProgress?.({ bytesRead, totalBytes: size, rows: summary.events + summary.ignored })
    }
    if (!header) throw new ActivityFileError(`${fileName}: the file is empty. Nothing was imported.`)
    summary.newEvents = store.finishEvents()
    // Leads are written once each, in id order: B-tree inserts in order touch each page once,
    // where a write per row in file order would land all over the table.
    summary.newLeads = store.writeLeads([...leads.values()].sort((a, b) => a.id - b.id))
    if (rebuildIndexes) store.restoreIndexes()
    summary.leads = leads.size
    if (summary.events > 0) {
      summary.from = dayOf(minAt)
      summary.to = dayOf(maxAt)
    }
    store.finishFile(
      fileId,
      hash.digest('hex'),
      summary.events,
      summary.newEvents,
      summary,
      summary.events > 0 ? maxAt : null,
    )
    options.pollCancel?.()
    if (options.signal?.aborted)
      throw new ActivityImportCancelledError(`${fileName}: import cancelled; nothing was saved.`)
    db.exec('COMMIT')
    options.onProgress?.({ bytesRead: size, totalBytes: size, rows: summary.events + summary.ignored })
    return summary
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK')
    if (error instanceof CsvSyntaxError) {
      throw new ActivityFileError(
        `${fileName}, line ${error.line}, field ${error.field}: ${error.message}. Nothing was imported.`,
      )
    }
    throw error
  }
}

/** A whole number of at most 15 digits (optionally negative), by char codes: five per row, a million rows. */
function wholeNumber(text: string): number | null {
  const length = text.length
  if (length === 0 || length > 16) return null
  let index = text.charCodeAt(0) === 45 ? 1 : 0
  if (index === length) return null
  let value = 0
  for (; index < length; index += 1) {
    const digit = text.charCodeAt(index) - 48
    if (digit < 0 || digit > 9) return null
    value = value * 10 + digit
  }
  if (length - (text.charCodeAt(0) === 45 ? 1 : 0) > 15) return null
  return text.charCodeAt(0) === 45 ? -value : value
}

function categoryNumber(raw: string | null): number | null {
  if (raw === null) return null
  const text = raw.trim()
  return /^\d{1,9}$/.test(text) ? Number(text) : null
}

export function dayOf(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().slice(0, 10)
}
