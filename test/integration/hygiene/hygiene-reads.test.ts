import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createExplorerQueries } from '../../../electron/main/db/explorer-queries'
import { openDatabase } from '../../../electron/main/db/open'
import { exportFixList, FIX_LIST_COLUMNS } from '../../../electron/main/export/fix-list'
import { exportLeadList } from '../../../electron/main/export/lead-lists'
import { createHygieneHandlers } from '../../../electron/main/hygiene/hygiene-handlers'
import { importFile } from '../../../electron/main/import/import-file'
import { requestValidators } from '../../../electron/shared/validate'
import type { HandlerDeps } from '../../../electron/main/core/handler-deps'
import { readExportedCsv } from '../../helpers/read-csv'
import { FIXTURES, useTempDir } from '../../helpers/temp-dir'

const tempDir = useTempDir()
const NOW = new Date('2026-12-12T12:00:00Z')

async function imported() {
  const db = openDatabase(join(tempDir(), 'app.db'))
  const file = (day: string) => ({
    path: join(FIXTURES, 'hygiene', `hygiene-week-2026-12-${day}.csv`),
    name: `hygiene-week-2026-12-${day}.csv`,
  })
  const first = await importFile(db, file('04'), { now: NOW })
  return { db, first }
}

describe('address hygiene in Leads, the Overview card and the exports', () => {
  it('filters the explorer by finding and shows each row’s findings', async () => {
    const { db, first } = await imported()
    const explorer = createExplorerQueries(db)
    const typos = explorer.page({ importId: first.id, hygiene: 'typo' })
    expect(typos.rows.map((row) => [row.email, row.hygiene, row.suggestion])).toEqual([
      ['anna@gmial.com', ['typo'], 'anna@gmail.com'],
      ['bo@hotmal.com', ['typo'], 'bo@hotmail.com'],
      ['kenji@yaho.co.jp', ['typo'], 'kenji@yahoo.co.jp'],
      ['support@outlok.com', ['typo', 'role'], 'support@outlook.com'],
    ])
    expect(typos.total).toBe(4)
    // Combined with a flag filter (the flagged-spans plan): the typos Marketo marked invalid.
    const invalidTypos = explorer.page({ importId: first.id, hygiene: 'typo', verdict: 'remove' })
    expect(invalidTypos.rows.map((row) => row.email)).toEqual(['anna@gmial.com', 'kenji@yaho.co.jp'])
    expect(explorer.page({ importId: first.id, hygiene: 'any' }).total).toBe(9)
    expect(explorer.page({ importId: first.id, hygiene: 'role', sort: 'domain' }).rows.map((r) => r.email)).toEqual([
      'sales+eu@contoso.example',
      'info@northwind.example',
      'support@outlok.com',
    ])
    const clean = explorer.page({ importId: first.id, search: 'mia@' }).rows[0]
    expect(clean).toMatchObject({ email: 'mia@gmail.com', hygiene: [], suggestion: null })
    expect(() => requestValidators['explorer:page']({ importId: 1, hygiene: 'typos' })).toThrow(
      /explorer:page.hygiene: expected one of typo, role, disposable, malformed, any/,
    )
    db.close()
  })

  it('answers the Overview card’s numbers for the newest snapshot', async () => {
    const { db, first } = await imported()
    const handlers = createHygieneHandlers({ db, dbError: null } as HandlerDeps)
    expect(await handlers['hygiene:summary']({})).toEqual({
      importId: first.id,
      leads: 9,
      typo: 4,
      typoInvalid: 2,
      role: 3,
      disposable: 1,
      malformed: 2,
    })
    expect(requestValidators['hygiene:summary']({ importId: first.id })).toEqual({ importId: first.id })
    expect(() => requestValidators['hygiene:summary']({ importId: 'x' })).toThrow(/hygiene:summary.importId/)
    db.close()
  })

  it('writes the fix list: Marketo Id, old and suggested address, as an Excel-safe CSV', async () => {
    const { db, first } = await imported()
    const path = join(tempDir(), 'fix.csv')
    expect(await exportFixList(db, first.id, path)).toEqual({ rows: 4, path })
    const bytes = readFileSync(path)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(bytes.toString('utf8')).toContain('\r\n')
    const [header, ...rows] = readExportedCsv(bytes)
    expect(header).toEqual([...FIX_LIST_COLUMNS])
    expect(rows).toEqual([
      ['701', 'anna@gmial.com', 'anna@gmail.com', 'true'],
      ['702', 'bo@hotmal.com', 'bo@hotmail.com', 'false'],
      ['703', 'kenji@yaho.co.jp', 'kenji@yahoo.co.jp', 'true'],
      ['711', 'support@outlok.com', 'support@outlook.com', 'false'],
    ])
    db.close()
  })

  it('puts the findings beside each row of the remove list', async () => {
    const { db, first } = await imported()
    const path = join(tempDir(), 'remove.csv')
    await exportLeadList(db, 'remove', { importId: first.id }, path)
    const [header, ...rows] = readExportedCsv(readFileSync(path))
    const problem = header?.indexOf('Address Problem') ?? -1
    const suggested = header?.indexOf('Suggested Email Address') ?? -1
    const byEmail = new Map(rows.map((row) => [row[0], [row[problem], row[suggested]]]))
    expect(byEmail.get('anna@gmial.com')).toEqual(['Likely typo', 'anna@gmail.com'])
    expect(byEmail.get('sales+eu@contoso.example')).toEqual(['Role address', ''])
    db.close()
  })
})
