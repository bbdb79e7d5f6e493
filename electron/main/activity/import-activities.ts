/**
 * Imports one Bulk Activity Extract file into the activity history, all or nothing.
 *
 * Events are keyed by Marketo's `marketoGUID`, so a file imported twice, or two overlapping
 * date windows, store each event once; the summary says how many were new.
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { CLASSIFIER_VERSION, classify } from '../../shared/classify'
import { providerFromDomain } from '../../shared/classify/provider'
import type { ActivityImportSummary } from '../../shared/activity'
import { detach } from '../../shared/detach'
import { createActivityStore, reclassifyActivityDetails, type DetailClassification } from '../db/activity-store'
import type { Db } from '../db/open'
import {
  ActivityFileError,
  CsvSyntaxError,
  cellValue,
  parseActivityDate,
  parseAttributes,
  readActivityHeader,
  readActivityRecords,
  readHeaderLine,
  sniffActivityDelimiter,
  type ActivityColumn,
  type ActivityHeader,
} from './activity-file'

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
  now?: Date
}

const KEPT = new Set([6, 7, 8, 27])
const BOUNCES = new Set([8, 27])
const IMPORT_CACHE_KIB = 64 * 1024
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
  const sha256 = await hashFile(path)
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
  const leadsSeen = new Set<number>()
  const leadEmails = new Map<number, { email: string; at: number }>()
  const mailingsSeen = new Set<number>()
  const details = new Map<string, number>()
  let bytesRead = 0

  const refuse = (line: number, column: ActivityColumn | null, why: string): never => {
    const where = column === null || !header ? '' : `, column ${(header.columns[column] ?? 0) + 1} (${column})`
    throw new ActivityFileError(`${fileName}, line ${line}${where}: ${why}. Nothing was imported.`)
  }
  const integer = (line: number, column: ActivityColumn, raw: string, required: boolean): number | null => {
    const text = raw.trim()
    if (text === '') {
      if (required) refuse(line, column, `no value in '${column}'`)
      return null
    }
    if (!/^-?\d{1,15}$/.test(text)) refuse(line, column, `'${text.slice(0, 40)}' in '${column}' is not a whole number`)
    return Number(text)
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
      sha256,
      size,
      importedAt: (options.now ?? new Date()).toISOString(),
    })
    summary.fileId = fileId
    const readRow = (line: number, fields: string[]): void => {
      if (!header) {
        header = readActivityHeader(fileName, fields)
        headerWidth = fields.length
        summary.unknownColumns = header.unknownColumns
        return
      }
      if (fields.length === 1 && fields[0]?.trim() === '') return
      if (fields.length !== headerWidth) {
        refuse(line, null, `${fields.length} fields where the header has ${headerWidth}`)
      }
      const columns = header.columns
      const type = integer(line, 'activityTypeId', cellValue(fields, columns.activityTypeId), true) as number
      if (!KEPT.has(type)) {
        summary.ignored += 1
        summary.ignoredByType[type] = (summary.ignoredByType[type] ?? 0) + 1
        return
      }
      const rawGuid = cellValue(fields, columns.marketoGUID).trim()
      if (rawGuid === '') refuse(line, 'marketoGUID', `no value in 'marketoGUID'`)
      const id = /^\d{1,15}$/.test(rawGuid) ? Number(rawGuid) : store.textGuidId(detach(rawGuid))
      const leadId = integer(line, 'leadId', cellValue(fields, columns.leadId), true) as number
      const rawDate = cellValue(fields, columns.activityDate)
      const at = parseActivityDate(rawDate)
      if (at === null) {
        refuse(
          line,
          'activityDate',
          `'${rawDate.slice(0, 40)}' is not a date this app reads (expected an ISO date-time such as 2024-03-14T09:30:00Z, as Marketo's API writes it)`,
        )
      }
      const when = at as number
      let category: number | null = null
      let subcategory: number | null = null
      let detailId: number | null = null
      if (columns.attributes !== undefined) {
        // Every kept row's cell is read: a damaged one means the row's columns may be shifted.
        let attributes
        try {
          attributes = parseAttributes(cellValue(fields, columns.attributes))
        } catch (error) {
          refuse(
            line,
            'attributes',
            `the attributes cell is not a JSON object (${error instanceof Error ? error.message : String(error)})`,
          )
        }
        if (attributes && BOUNCES.has(type)) {
          category = categoryNumber(attributes.category)
          if (attributes.category !== null && attributes.category.trim() !== '' && category === null) {
            summary.unreadableCategories += 1
          }
          subcategory = categoryNumber(attributes.subcategory)
          const email = attributes.email?.trim().toLowerCase() ?? ''
          const domain = email.includes('@') ? email.slice(email.lastIndexOf('@') + 1) : null
          if (email !== '') {
            const known = leadEmails.get(leadId)
            if (!known || known.at <= when) leadEmails.set(leadId, { email: detach(email), at: when })
          }
          const text = attributes.details?.trim() ?? ''
          if (text !== '') detailId = detailIdOf(text, domain)
        }
      }
      if (!leadsSeen.has(leadId)) {
        leadsSeen.add(leadId)
        if (store.ensureLead(leadId)) summary.newLeads += 1
      }
      const mailingId = integer(
        line,
        'primaryAttributeValueId',
        cellValue(fields, columns.primaryAttributeValueId),
        false,
      )
      if (mailingId !== null && !mailingsSeen.has(mailingId)) {
        mailingsSeen.add(mailingId)
        const name = cellValue(fields, columns.primaryAttributeValue).trim()
        if (name !== '') store.upsertMailing(mailingId, detach(name))
      }
      const campaignId = integer(line, 'campaignId', cellValue(fields, columns.campaignId), false)
      const isNew = store.insertEvent({
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
      if (isNew) summary.newEvents += 1
      if (type === 6) summary.byType.send += 1
      else if (type === 7) summary.byType.delivered += 1
      else if (type === 8) summary.byType.bounced += 1
      else summary.byType.bouncedSoft += 1
      if (when < minAt) minAt = when
      if (when > maxAt) maxAt = when
    }

    const records = readActivityRecords(path, encoding, delimiter, (n) => {
      bytesRead = n
    })
    for await (const batch of records) {
      if (options.signal?.aborted)
        throw new ActivityImportCancelledError(`${fileName}: import cancelled; nothing was saved.`)
      for (const record of batch) readRow(record.line, record.fields)
      options.onProgress?.({ bytesRead, totalBytes: size, rows: summary.events + summary.ignored })
    }
    if (!header) throw new ActivityFileError(`${fileName}: the file is empty. Nothing was imported.`)
    for (const [leadId, { email, at }] of leadEmails) {
      store.setLeadEmail(leadId, email, email.slice(email.lastIndexOf('@') + 1), at)
    }
    summary.leads = leadsSeen.size
    if (summary.events > 0) {
      summary.from = dayOf(minAt)
      summary.to = dayOf(maxAt)
    }
    store.finishFile(fileId, summary.events, summary.newEvents, summary)
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

function categoryNumber(raw: string | null): number | null {
  if (raw === null) return null
  const text = raw.trim()
  return /^\d{1,9}$/.test(text) ? Number(text) : null
}

export function dayOf(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().slice(0, 10)
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer)
  return hash.digest('hex')
}
