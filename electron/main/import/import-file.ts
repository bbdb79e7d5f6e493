import { basename } from 'node:path'
import { CLASSIFIER_VERSION, classify } from '../../shared/classify'
import { providerFromDomain } from '../../shared/classify/provider'
import type { FileRef, ImportProgress, ImportReportView, ImportSummary } from '../../shared/ipc'
import type { Db } from '../db/open'
import { createImportStore, type ImportStore } from '../db/import-store'
import { createSnapshotWriter, openGap } from '../db/snapshot-store'
import { createSnapshotMerge } from '../db/snapshot-merge'
import { createTransitionCounter } from '../db/transition-counts'
import { SnapshotCounts, type CountedCause } from '../db/snapshot-counts'
import { BadFileError, type FileProbe } from './file-probe'
import { FIELD_LABELS, type ColumnMapping, type LeadField } from './headers'
import { parseDateTime, type DayMonthOrder } from './dates'
import { dateSamples, decideDateOrder, NeedsDateOrderError, resolveColumns, type FileLayout } from './file-layout'
import { CsvSyntaxError, type CsvRecord, type FileEnd } from './read-records'
import { openRecordSource, type RecordSource } from './record-source'
import { afterLeadImport, AfterLeadImportRun, type AfterLeadImportStep } from './after-lead-import'
import { chooseSnapshotDate, listNameFromFileName } from './snapshot-date'
import { detach } from '../../shared/detach'
import { AddressSet, cleanText, domainOf, normalizeEmail, parseFlag } from './values'

export class DuplicateFileError extends Error {
  override name = 'DuplicateFileError'
  constructor(
    message: string,
    readonly duplicateOf: number,
  ) {
    super(message)
  }
}

export class ImportCancelledError extends Error {
  override name = 'ImportCancelledError'
}

/**
 * The file ends inside a row (a broken download or copy): imported as it is, its missing rows
 * would count as leads that are gone. Refused unless the user allows a partial import.
 */
export class PartialFileError extends BadFileError {
  override name = 'PartialFileError'
}

/** What an import stores in `imports.report_json`; the report view adds the import's summary. */
export type ImportReport = Omit<ImportReportView, 'import'>

export interface ImportFileOptions {
  snapshotDate?: string
  /** Columns the user chose in the mapping step; remembered for files with the same header. */
  mapping?: ColumnMapping
  /** The user's answer when the file's dates fit both day-first and month-first. */
  dateOrder?: DayMonthOrder
  /** Import a file that ends inside a row anyway: the cut-off row is skipped and reported. */
  allowPartial?: boolean
  now?: Date
  /**
   * Write a later weekly snapshot lead by lead, as an older snapshot is, instead of staging it and
   * comparing in SQLite: both must store the same, and the tests compare them.
   */
  rowByRow?: boolean
  /** The steps run at the end of the transaction; `AFTER_LEAD_IMPORT` unless a test gives others. */
  afterLeadImport?: readonly AfterLeadImportStep[]
  signal?: AbortSignal
  /** Called before each check of `signal`, so a Cancel waiting in the worker's queue is seen. */
  pollCancel?: () => void
  onProgress?: (progress: Pick<ImportProgress, 'bytesRead' | 'totalBytes' | 'rows'>) => void
}

const MAX_REPORTED_SKIPS = 1000
/**
 * The import connection's page cache. 64 MB kept more of the indexes in memory but cost the process
 * 45–70 MB of peak memory at 1M rows for no CPU measurable under load (bench/README.md, issue 14,
 * third session); most of a first import's index work is sorting at the end anyway.
 */
const IMPORT_CACHE_KIB = 24 * 1024

/** Snapshots whose file name is only a date still need a list to belong to. */
const UNNAMED_LIST = 'Marketo export'

/**
 * Imports one export as one snapshot, all or nothing: every write happens inside one
 * transaction on the connection it is given, so a failure, a cancel or a killed process leaves
 * no trace. The caller owns the connection; it must not be shared with concurrent readers of
 * uncommitted state (the desktop app gives each import its own).
 */
export async function importFile(db: Db, ref: FileRef, options: ImportFileOptions = {}): Promise<ImportSummary> {
  const fileName = ref.name || basename(ref.path)
  try {
    return await importInTransaction(db, ref, fileName, options)
  } catch (error) {
    throw describeParseError(fileName, error)
  }
}

async function importInTransaction(
  db: Db,
  ref: FileRef,
  fileName: string,
  options: ImportFileOptions,
): Promise<ImportSummary> {
  const source = openRecordSource(ref.path)
  const probe = await source.probe()
  const store = createImportStore(db)
  refuseRepeatedFile(store, probe, fileName)
  const layout = await source.layout(probe, fileName)
  const resolved = resolveColumns(fileName, layout, options.mapping, store.rememberedMapping(layout.signature))
  const columns = resolved.columns

  const snapshot = chooseSnapshotDate(fileName, ref.lastModifiedMs, options.snapshotDate, options.now ?? new Date())
  const report = emptyReport(probe, layout, resolved.source, resolved.unknownColumns)
  let dateOrder = await chooseDateOrder(source, probe, layout, columns, fileName, options.dateOrder, report)

  let rows = 0
  let invalid = 0
  let suspended = 0
  let skipped = 0
  let bytesRead = 0
  const counts = new SnapshotCounts()
  const addresses = new AddressSet()

  const skip = (line: number, why: string): void => {
    skipped += 1
    if (report.skippedRows.length < MAX_REPORTED_SKIPS) report.skippedRows.push({ line, why: detach(why) })
  }

  const countedById = new Map<number, CountedCause>()
  const cause = causeCache(store, countedById)
  const cancelled = (): void => {
    options.pollCancel?.()
    if (options.signal?.aborted) throw new ImportCancelledError(`${fileName}: import cancelled; nothing was saved.`)
  }

  // The import's own connection: a page cache above SQLite's 2 MB default for the lead and span indexes.
  db.pragma(`cache_size = -${IMPORT_CACHE_KIB}`)
  db.exec('BEGIN IMMEDIATE')
  try {
    const leadsExisted = store.hasLeads()
    const afterSteps = new AfterLeadImportRun(db, options.afterLeadImport)
    const listId = store.listId(listNameFromFileName(fileName) ?? UNNAMED_LIST)
    const seq = store.positionFor(listId, snapshot.date)
    const rebuildIndexes = store.suspendLeadIndexesIfCheaper(probe.size, store.hasSnapshots(listId))
    const spanIndexes = store.suspendSpanIndexesIfEmpty()
    openGap(db, listId, seq)
    const importId = store.insertImport({
      listId,
      seq,
      fileName,
      sha256: probe.sha256,
      size: probe.size,
      snapshotDate: snapshot.date,
      snapshotDateSource: snapshot.source,
      importedAt: (options.now ?? new Date()).toISOString(),
    })
    const snapshotWriter = createSnapshotWriter(db, listId, seq)
    // A later weekly snapshot is staged and compared in SQLite; a first one (or one inserted
    // between older snapshots) is written row by row.
    const merge = snapshotWriter.mergeable && !options.rowByRow ? createSnapshotMerge(db, listId, seq) : null
    const headerWidth = layout.header.length
    let headerSeen = false
    const suspendedAtOf = (line: number, raw: string): string | null => {
      if (raw === '') return null
      let parsed = parseDateTime(raw, dateOrder)
      if (parsed === null && dateOrder === null && /^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}/.test(raw.trim())) {
        // The first 64 kB had no such dates to judge by; only the user can say now.
        if (!options.dateOrder) {
          throw new NeedsDateOrderError(
            `${fileName}, line ${line}: dates in '${FIELD_LABELS.emailSuspendedAt}' such as ${raw.slice(0, 20)} could be day/month or month/day. Choose the order to import it.`,
          )
        }
        dateOrder = options.dateOrder
        report.dateOrder = `${dateOrder} (chosen)`
        parsed = parseDateTime(raw, dateOrder)
      }
      if (parsed === null && report.unreadableDates.length < MAX_REPORTED_SKIPS) {
        report.unreadableDates.push({ line, why: detach(`'${raw.slice(0, 40)}' is not a date`) })
      }
      return parsed
    }
    const importRecord = (line: number, fields: string[]): void => {
      if (!headerSeen) {
        headerSeen = true
        return
      }
      if (fields.every((field) => field.trim() === '')) {
        report.blankRows += 1
        return
      }
      if (fields.length > headerWidth && fields.slice(headerWidth).some((field) => field.trim() !== '')) {
        skip(
          line,
          `${fields.length} fields where the header has ${headerWidth} (an unquoted value containing the delimiter?)`,
        )
        return
      }
      const value = (field: LeadField): string => {
        const index = columns[field]
        return index === undefined ? '' : cleanText(fields[index])
      }
      const rawEmail = value('email')
      if (rawEmail === '') {
        skip(line, `no value in '${FIELD_LABELS.email}'`)
        return
      }
      const email = normalizeEmail(rawEmail)
      if (email === null) {
        skip(line, `'${rawEmail.slice(0, 80)}' in '${FIELD_LABELS.email}' is not an email address`)
        return
      }
      const domain = domainOf(email)
      afterSteps.row(email, domain)
      const invalidCause = cause(value('emailInvalidCause'), domain)
      const suspendedCause = cause(value('emailSuspendedCause'), domain)
      // A file with only the address and the cause still says who bounced: a cause means invalid.
      const isInvalid =
        columns.emailInvalid === undefined ? invalidCause !== null : parseFlag(value('emailInvalid')) === true
      const isSuspended = parseFlag(value('emailSuspended')) === true

      // Marketo allows one address on several leads: kept, and counted for the report.
      if (!addresses.add(email)) report.duplicateEmails += 1
      const marketoId = value('marketoId')
      const identity = marketoId === '' ? `email:${email}` : `id:${marketoId}`
      const state = {
        emailInvalid: isInvalid,
        invalidCauseId: invalidCause?.id ?? null,
        emailSuspended: isSuspended,
        suspendedCauseId: suspendedCause?.id ?? null,
        suspendedAt: suspendedAtOf(line, value('emailSuspendedAt')),
      }
      if (merge) {
        // Repeated leads are found by the merge at the end, then skipped and uncounted.
        merge.add({ identity, marketoId: marketoId || null, email, domain, line, ...state })
      } else {
        const leadId = store.upsertLead({ identity, marketoId: marketoId || null, email, domain }, leadsExisted)
        if (!snapshotWriter.add(leadId, state)) {
          skip(line, repeatedLead(marketoId, email))
          return
        }
      }
      rows += 1
      if (isInvalid) invalid += 1
      if (isSuspended) suspended += 1
      counts.addRow(domain, isInvalid, isSuspended, invalidCause?.counted ?? null)
    }

    const batches = source.batches(probe, layout, (n) => {
      bytesRead = n
    })
    for await (const batch of batches) {
      cancelled()
      for (const error of batch.errors) {
        if (error.fatal) throw error
        skip(error.line, error.message)
      }
      const cut = batch.end ? cutOffRow(batch.end, batch.records, headerSeen, layout.header) : null
      if (cut && !options.allowPartial) {
        throw new PartialFileError(
          `${fileName}, line ${cut.line}: ${cut.why}. The download or copy was probably cut off; nothing was imported.`,
        )
      }
      const records = cut?.dropLast ? batch.records.slice(0, -1) : batch.records
      for (const record of records) importRecord(record.line, record.fields)
      if (cut) skip(cut.line, cut.why)
      options.onProgress?.({ bytesRead, totalBytes: probe.size, rows })
    }
    if (rows === 0) throw new BadFileError(noLeadRows(fileName, skipped, report.skippedRows[0]))
    if (merge) {
      const repeated = merge.apply(snapshotWriter, cancelled)
      for (const lead of repeated) {
        rows -= 1
        if (lead.emailInvalid) invalid -= 1
        if (lead.emailSuspended) suspended -= 1
        const counted = lead.invalidCauseId === null ? null : (countedById.get(lead.invalidCauseId) ?? null)
        counts.addRow(lead.domain, lead.emailInvalid, lead.emailSuspended, counted, -1)
        skip(lead.line, repeatedLead(lead.marketoId ?? '', lead.email))
      }
      if (repeated.length > 0) report.skippedRows.sort((a, b) => a.line - b.line)
    } else {
      snapshotWriter.finish()
    }
    if (rebuildIndexes) store.restoreLeadIndexes()
    store.restoreIndexes(spanIndexes)
    if (resolved.source === 'chosen')
      store.rememberMapping(layout.signature, columns, (options.now ?? new Date()).toISOString())
    storeTallies(db, store, { importId, listId, seq, counts })
    afterLeadImport(db, { importId, listId, seq, ...(options.signal ? { signal: options.signal } : {}) }, afterSteps)
    store.finishImport(importId, { rows, invalid, suspended, skipped, report })
    // A cancel during the last step (closing spans, tallies) must still leave nothing behind.
    cancelled()
    db.exec('COMMIT')
    merge?.drop()
    options.onProgress?.({ bytesRead: probe.size, totalBytes: probe.size, rows })
    const summary = store.getImport(importId)
    if (!summary) throw new Error(`import #${importId} vanished after commit`)
    return summary
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK')
    throw error
  }
}

/** The seams of `importInTransaction`: each step it takes, named, so a rewrite can move them one at a time. */

function repeatedLead(marketoId: string, email: string): string {
  return `the same lead (${marketoId === '' ? email : `Id ${marketoId}`}) appears earlier in the file`
}

/** The same bytes twice would double every count: refused by hash before anything is parsed. */
function refuseRepeatedFile(store: ImportStore, probe: FileProbe, fileName: string): void {
  const earlier = store.findImportBySha256(probe.sha256)
  if (earlier) {
    throw new DuplicateFileError(
      `${fileName}: this file was already imported as import #${earlier.id} (${earlier.fileName}, snapshot ${earlier.snapshotDate}).`,
      earlier.id,
    )
  }
}

function emptyReport(
  probe: FileProbe,
  layout: FileLayout,
  columns: ImportReport['columns'],
  unknownColumns: string[],
): ImportReport {
  return {
    encoding: probe.encoding,
    delimiter: layout.delimiter === '\t' ? 'tab' : layout.delimiter,
    columns,
    unknownColumns,
    repeatedColumns: layout.repeatedColumns,
    blankRows: 0,
    duplicateEmails: 0,
    dateOrder: null,
    unreadableDates: [],
    skippedRows: [],
  }
}

/**
 * How to read slash dates, judged from the start of the file; the user's answer when the file
 * cannot tell. Notes the basis in the report.
 */
async function chooseDateOrder(
  source: RecordSource,
  probe: FileProbe,
  layout: FileLayout,
  columns: ColumnMapping,
  fileName: string,
  answer: DayMonthOrder | undefined,
  report: ImportReport,
): Promise<DayMonthOrder | null> {
  const dateChoice = await decideDateOrder(() => source.batches(probe, layout), layout, columns.emailSuspendedAt)
  if (dateChoice.basis === 'contradictory') {
    throw new BadFileError(
      `${fileName}: the '${FIELD_LABELS.emailSuspendedAt}' column mixes day-first and month-first dates (e.g. 13/02 and 02/13); re-export it from Marketo without re-saving in Excel.`,
    )
  }
  if (dateChoice.sawNumericDates && dateChoice.basis === 'assumed') {
    // Every date fits both orders and no convention applies: a guess could shift dates by months.
    if (!answer) {
      const examples = dateSamples(layout, columns.emailSuspendedAt, 3).join(', ')
      throw new NeedsDateOrderError(
        `${fileName}: the dates in '${FIELD_LABELS.emailSuspendedAt}' (e.g. ${examples}) could be day/month or month/day, and nothing in the file tells which. Choose the order to import it.`,
      )
    }
    report.dateOrder = `${answer} (chosen)`
    return answer
  }
  if (dateChoice.sawNumericDates) report.dateOrder = `${dateChoice.order} (${dateChoice.basis})`
  return dateChoice.order
}

type CachedCause = { id: number; counted: CountedCause }

/**
 * Exports repeat a handful of cause texts thousands of times: classify and store each once per
 * recipient mailbox provider (the classifier's answer depends only on the text and
 * `providerFromDomain` of the recipient's domain, a handful of values). Only the copied text and
 * the few fields the tallies need stay in memory: the classification itself holds slices of the
 * text, which would pin the chunk it was read from.
 */
function causeCache(
  store: ImportStore,
  countedById: Map<number, CountedCause>,
): (text: string, domain: string) => CachedCause | null {
  const byProvider = new Map<string, Map<string, CachedCause>>()
  const providerOf = new Map<string, string>()
  return (text, domain) => {
    if (text === '') return null
    let mailboxProvider = providerOf.get(domain)
    if (mailboxProvider === undefined) {
      mailboxProvider = providerFromDomain(domain) ?? ''
      providerOf.set(detach(domain), mailboxProvider)
    }
    let causes = byProvider.get(mailboxProvider)
    if (!causes) byProvider.set(mailboxProvider, (causes = new Map()))
    const known = causes.get(text)
    if (known) return known
    const own = detach(text)
    const sampleDomain = domain === '' ? null : detach(domain)
    const classification = classify(own, sampleDomain === null ? undefined : { domain: sampleDomain })
    const { verdict, reason, status, replyCode, provider, hardBounce } = classification
    const entry = {
      id: store.upsertCause(own, { mailboxProvider, sampleDomain }, classification, CLASSIFIER_VERSION),
      counted: { verdict, reason, status, replyCode, provider, hardBounce },
    }
    causes.set(own, entry)
    countedById.set(entry.id, entry.counted)
    return entry
  }
}

/** The snapshot's tallies, and the changes against its neighbours, in the same transaction. */
function storeTallies(
  db: Db,
  store: ImportStore,
  at: { importId: number; listId: number; seq: number; counts: SnapshotCounts },
): void {
  store.saveCounts(at.importId, at.counts.byDimension)
  // This snapshot's changes, and those of the one after it when it was inserted between two.
  createTransitionCounter(db).recount(at.listId, [at.seq, at.seq + 1])
}

/**
 * Where a file that ends inside a row was cut: a quoted field never closed, or a last row with
 * fewer fields than the header and no line end after it. Null for a complete file. `dropLast`
 * when the cut row was read as a record (it must not be imported with fields missing).
 */
function cutOffRow(
  end: FileEnd,
  lastBatch: readonly CsvRecord[],
  headerSeen: boolean,
  header: readonly string[],
): { line: number; why: string; dropLast: boolean } | null {
  const column = (index: number): string => `'${header[index] ?? `column ${index + 1}`}'`
  if (end.openQuote) {
    const { line, field } = end.openQuote
    return {
      line,
      why: `the file ends inside the quoted ${column(field - 1)} value that starts on this line: its closing quote, the rest of that row and any rows after it are missing`,
      dropLast: false,
    }
  }
  const last = lastBatch.at(-1)
  // A header-only file is refused for having no rows, not as cut off.
  const lastIsHeader = !headerSeen && lastBatch.length === 1
  if (end.lineBreak || !last || lastIsHeader || last.fields.length >= header.length) return null
  const have = last.fields.length
  const missing = header.slice(have).map((_label, index) => column(have + index))
  return {
    line: last.line,
    why: `the file ends inside this row, without a line end: it has ${have} of the header's ${header.length} fields (missing ${missing.join(', ')}; ${column(have - 1)} may be cut short)`,
    dropLast: true,
  }
}

/** A snapshot with no rows would say every lead of the list is gone; no real export is empty. */
function noLeadRows(fileName: string, skipped: number, first: { line: number; why: string } | undefined): string {
  const why =
    skipped === 0 ? '' : ` (all ${skipped} rows were skipped${first ? `; line ${first.line}: ${first.why}` : ''})`
  return `${fileName}: no lead rows${why} — an empty export would mark every lead as gone. Nothing was imported.`
}

/** The user needs the file, the line and what was expected. */
function describeParseError(fileName: string, error: unknown): unknown {
  if (!(error instanceof CsvSyntaxError)) return error
  return new BadFileError(
    `${fileName}, line ${error.line}, field ${error.field}: ${error.message}. Nothing was imported.`,
  )
}
