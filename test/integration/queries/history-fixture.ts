import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ImportSummary } from '../../../electron/shared/ipc'
import { importFile } from '../../../electron/main/import/import-file'
import { openDatabase, type Db } from '../../../electron/main/db/open'

/**
 * A hand-checked list of three weekly snapshots (see the table in each test file):
 *
 * | Id | email                  | 2026-11-06 (S1) | 2026-11-13 (S2)              | 2026-11-20 (S3)          |
 * | 1  | ann@gmail.com          | invalid UU      | invalid UU                   | valid (recovered)        |
 * | 2  | bob@outlook.com        | valid           | suspended at 11-13 08:00     | suspended at 11-10 08:00 |
 * | 3  | cy@contoso.example     | invalid SH      | absent                       | invalid SH (returns)     |
 * | 4  | dee@yahoo.com          | invalid MF      | valid (recovered)            | invalid MF (again)       |
 * | 5  | dup@fabrikam.example   | valid           | valid                        | valid                    |
 * | 6  | dup@fabrikam.example   | valid           | invalid UU                   | invalid UU               |
 * | 7  | eve@hotmail.com        | absent          | invalid MS (appears)         | invalid MS               |
 *
 * UU user unknown (remove, hard), SH Spamhaus block and MS Microsoft 5.7.606 (fix-sending),
 * MF mailbox full (retry). Leads 5 and 6 share an address (Marketo allows it).
 */
export const CAUSES = {
  UU: '550 5.1.1 Recipient address rejected: User unknown in local recipient table',
  SH: '550 5.7.1 Service unavailable, Client host [192.0.2.1] blocked using Spamhaus',
  MF: '552 5.2.2 Mailbox full',
  MS: '550 5.7.606 Access denied, banned sending IP [192.0.2.1]. To request removal from this list please visit https://sender.office.com/',
  TL: '421 4.7.0 Try again later',
} as const

type Row = [id: number, email: string, invalid: keyof typeof CAUSES | null, suspendedAt?: string]

const HEADER =
  'Id,Email Address,Email Invalid,Email Invalid Cause,Email Suspended,Email Suspended Cause,Email Suspended At'

export const SNAPSHOTS: Record<'S1' | 'S2' | 'S3', { date: string; rows: Row[] }> = {
  S1: {
    date: '2026-11-06',
    rows: [
      [1, 'ann@gmail.com', 'UU'],
      [2, 'bob@outlook.com', null],
      [3, 'cy@contoso.example', 'SH'],
      [4, 'dee@yahoo.com', 'MF'],
      [5, 'dup@fabrikam.example', null],
      [6, 'dup@fabrikam.example', null],
    ],
  },
  S2: {
    date: '2026-11-13',
    rows: [
      [1, 'ann@gmail.com', 'UU'],
      [2, 'bob@outlook.com', null, '2026-11-13 08:00:00'],
      [4, 'dee@yahoo.com', null],
      [5, 'dup@fabrikam.example', null],
      [6, 'dup@fabrikam.example', 'UU'],
      [7, 'eve@hotmail.com', 'MS'],
    ],
  },
  S3: {
    date: '2026-11-20',
    rows: [
      [1, 'ann@gmail.com', null],
      [2, 'bob@outlook.com', null, '2026-11-10 08:00:00'],
      [3, 'cy@contoso.example', 'SH'],
      [4, 'dee@yahoo.com', 'MF'],
      [5, 'dup@fabrikam.example', null],
      [6, 'dup@fabrikam.example', 'UU'],
      [7, 'eve@hotmail.com', 'MS'],
    ],
  },
}

const quote = (text: string): string => `"${text.replace(/"/g, '""')}"`

function csv(rows: Row[]): string {
  const lines = rows.map(([id, email, invalid, suspendedAt]) =>
    [
      id,
      email,
      invalid ? 'true' : 'false',
      invalid ? quote(CAUSES[invalid]) : '',
      suspendedAt ? 'true' : 'false',
      suspendedAt ? quote(CAUSES.TL) : '',
      suspendedAt ?? '',
    ].join(','),
  )
  return `${HEADER}\n${lines.join('\n')}\n`
}

export type SnapshotName = keyof typeof SNAPSHOTS

/** Imports the snapshots in the order given (the list orders them by date whatever the order). */
export async function buildHistory(
  dir: string,
  order: SnapshotName[] = ['S1', 'S2', 'S3'],
): Promise<{ db: Db; ids: Record<SnapshotName, number>; imports: Record<SnapshotName, ImportSummary> }> {
  const db = openDatabase(join(dir, 'history.db'))
  const ids = {} as Record<SnapshotName, number>
  const imports = {} as Record<SnapshotName, ImportSummary>
  for (const name of order) {
    const snapshot = SNAPSHOTS[name]
    const fileName = `deliverability-${snapshot.date}.csv`
    const path = join(dir, fileName)
    writeFileSync(path, csv(snapshot.rows))
    const summary = await importFile(db, { path, name: fileName }, { now: new Date('2026-11-21T10:00:00Z') })
    ids[name] = summary.id
    imports[name] = summary
  }
  return { db, ids, imports }
}

/** Lead ids by Marketo Id, so expectations can name leads as the table does. */
export function leadIds(db: Db): Record<number, number> {
  const rows = db.prepare('SELECT id, marketo_id FROM leads').all() as { id: number; marketo_id: string }[]
  return Object.fromEntries(rows.map((row) => [Number(row.marketo_id), row.id]))
}
