/**
 * The Imports list's logic: its columns (what each shows and sorts on), the hover words for a
 * guessed snapshot date and for the "Newly invalid" figure, and which dialog is open for which import.
 * `ImportsTable.svelte` keeps only the markup of the cells.
 */
import type { ImportSummary, NewlyInvalidEntry, SnapshotDateSource } from '../../../../electron/shared/ipc'
import { formatNumber } from '../../../../electron/shared/format'
import type { Column } from '../../lib/data-table'

/** What of an import the edit dialog changes. */
export type EditField = 'listName' | 'snapshotDate'

const DATE_SOURCE_NOTES: Record<SnapshotDateSource, string | null> = {
  'file-name': null,
  user: null,
  'file-modified': 'Taken from the file’s last-modified time; the file name had no date.',
  'import-day': 'The day it was imported; neither the file name nor the file gave a date.',
}

/** Where a guessed snapshot date came from; null when the file name or the user gave it. */
export function dateNote(summary: ImportSummary): string | null {
  return DATE_SOURCE_NOTES[summary.snapshotDateSource]
}

/** The footnote under the table is shown when any date in it is a guess. */
export function anyDateGuessed(imports: readonly ImportSummary[]): boolean {
  return imports.some((summary) => dateNote(summary) !== null)
}

/** The hover text of a "Newly invalid" figure. */
export function changeTitle(entry: NewlyInvalidEntry | undefined): string {
  if (!entry || entry.newlyInvalid === null) return 'The first export of its list: nothing earlier to compare with.'
  return `${formatNumber(entry.newlyInvalid)} newly Email Invalid and ${formatNumber(entry.recovered ?? 0)} recovered since the previous export of the list`
}

/**
 * The columns, left to right. The figures sort (largest first is one click away); the first export of a
 * list has no "Newly invalid" and sorts last either way.
 */
export function importColumns(changeOf: (importId: number) => NewlyInvalidEntry | undefined): Column<ImportSummary>[] {
  const figure = (key: string, label: string, width: string, value: (summary: ImportSummary) => number) => ({
    key,
    label,
    width,
    align: 'right' as const,
    text: (summary: ImportSummary) => formatNumber(value(summary)),
    sortValue: value,
  })
  return [
    { key: 'file', label: 'File and list', class: 'file', sortValue: (summary) => summary.fileName },
    { key: 'date', label: 'Snapshot', width: '150px', sortValue: (summary) => summary.snapshotDate },
    figure('rows', 'Rows', '88px', (summary) => summary.rows),
    // Two-line headings ("Email Invalid", "Newly invalid") get the wider figure columns.
    figure('invalid', 'Email Invalid', '106px', (summary) => summary.invalid),
    {
      key: 'newly',
      label: 'Newly invalid',
      width: '106px',
      align: 'right',
      title: 'Email Invalid now, not in the previous export of the same list',
      sortValue: (summary) => changeOf(summary.id)?.newlyInvalid ?? null,
    },
    figure('suspended', 'Suspended', '106px', (summary) => summary.suspended),
    figure('skipped', 'Skipped', '88px', (summary) => summary.skipped),
    { key: 'actions', label: 'Report and delete', hideLabel: true, width: '156px', class: 'actions' },
  ]
}

/** Which import's report, edit or delete dialog is open (one at a time). */
export class ImportDialogs {
  reportOf = $state.raw<ImportSummary | null>(null)
  editing = $state.raw<{ summary: ImportSummary; field: EditField } | null>(null)
  deleting = $state.raw<ImportSummary | null>(null)

  constructor(private readonly imports: () => readonly ImportSummary[]) {}

  /** The other snapshots of the list being deleted from (the dialog says whether it is the last). */
  readonly othersInList = $derived.by(() => {
    const target = this.deleting
    if (!target) return 0
    return this.imports().filter((item) => item.listName === target.listName && item.id !== target.id).length
  })
}
