import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { UsageError } from '../../../../electron/cli/command'
import { exportCommand } from '../../../../electron/cli/commands/export'
import { openDatabase } from '../../../../electron/main/db/open'
import { importFile } from '../../../../electron/main/import/import-file'
import { readExportedCsv } from '../../../helpers/read-csv'
import { useTempDir } from '../../../helpers/temp-dir'
import { cliHarness } from '../../../helpers/cli-harness'

const tempDir = useTempDir()

const HEADER = 'Id,Email Address,Email Invalid,Email Invalid Cause'
const SNAPSHOTS = {
  'weekly-2026-11-13.csv': [
    HEADER,
    '1,ana@example.com,true,550 5.1.1 User unknown',
    '2,cy@contoso.example,true,"550 5.7.1 Service unavailable, Client host [192.0.2.1] blocked using Spamhaus"',
  ],
  'weekly-2026-11-20.csv': [
    HEADER,
    '1,ana@example.com,true,550 5.1.1 User unknown',
    '3,jo@example.com,true,"=cmd|\' /C calc\'!A0 550 5.1.1 User unknown"',
  ],
}

/** A real database file with two snapshots, closed again as the CLI expects to open it itself. */
async function database(): Promise<string> {
  const dbPath = join(tempDir(), 'app.db')
  const db = openDatabase(dbPath)
  for (const [name, lines] of Object.entries(SNAPSHOTS)) {
    const path = join(tempDir(), name)
    writeFileSync(path, lines.join('\r\n'))
    await importFile(db, { path, name }, { now: new Date('2026-11-27T12:00:00Z') })
  }
  db.close()
  return dbPath
}

describe('cli export', () => {
  it('writes the newest remove list and prints JSON with --json', async () => {
    const dbPath = await database()
    const out = join(tempDir(), 'remove.csv')
    const { io, output } = cliHarness()
    expect(await exportCommand.run(['remove', '--db', dbPath, '--out', out, '--json'], io)).toBe(0)
    expect(JSON.parse(output())).toEqual({ rows: 2, out })
    const records = readExportedCsv(readFileSync(out))
    expect(records.map((record) => record[0])).toEqual(['Email Address', 'ana@example.com', 'jo@example.com'])
    expect(records[2]?.[2]).toBe("'=cmd|' /C calc'!A0 550 5.1.1 User unknown")
  })

  it('writes the review list of one import and says so in a sentence', async () => {
    const dbPath = await database()
    const out = join(tempDir(), 'review.csv')
    const { io, output } = cliHarness()
    expect(await exportCommand.run(['review', '--db', dbPath, '--import', '1', '--out', out], io)).toBe(0)
    expect(output()).toBe(`Wrote the review list (1 lead) to ${out}\n`)
    expect(readExportedCsv(readFileSync(out))[1]?.[0]).toBe('cy@contoso.example')
  })

  it('exports a date range, each lead once', async () => {
    const dbPath = await database()
    const out = join(tempDir(), 'range.csv')
    const { io, output } = cliHarness()
    const args = ['remove', '--db', dbPath, '--from', '2026-11-13', '--to', '2026-11-20', '--out', out, '--json']
    expect(await exportCommand.run(args, io)).toBe(0)
    expect(JSON.parse(output())).toEqual({ rows: 2, out })
  })

  it('names the file itself when --out is a folder', async () => {
    const dbPath = await database()
    const { io, output } = cliHarness()
    expect(await exportCommand.run(['review', '--db', dbPath, '--out', tempDir(), '--json'], io)).toBe(0)
    const expected = join(tempDir(), 'bounce-auditor-review-2026-11-20.csv')
    expect(JSON.parse(output())).toEqual({ rows: 0, out: expected })
    expect(readExportedCsv(readFileSync(expected))).toHaveLength(1)
  })

  it.each([
    [[], /remove or review/],
    [['delete'], /not 'delete'/],
    [['remove', '--import', 'two'], /--import/],
    [['remove', '--import', '1', '--from', '2026-11-13'], /not both/],
    [['remove', '--from', '2026-11-20', '--to', '2026-11-13'], /after/],
    [['remove', '--from', '13/11/2026'], /YYYY-MM-DD/],
    [['remove', 'extra', 'words'], /unexpected argument/],
  ])('treats %j as a usage mistake', async (args, message) => {
    const { io } = cliHarness()
    const run = exportCommand.run([...args, '--db', join(tempDir(), 'app.db')], io)
    await expect(run).rejects.toBeInstanceOf(UsageError)
    await expect(run).rejects.toThrow(message)
  })

  it('refuses a database file that does not exist instead of creating an empty one', async () => {
    const dbPath = join(tempDir(), 'nope.db')
    const { io } = cliHarness()
    await expect(exportCommand.run(['remove', '--db', dbPath, '--out', tempDir()], io)).rejects.toThrow(
      /no database at/,
    )
    expect(existsSync(dbPath)).toBe(false)
  })

  it('reports an import that does not exist', async () => {
    const dbPath = await database()
    const { io, output } = cliHarness()
    await expect(
      exportCommand.run(['remove', '--db', dbPath, '--import', '9', '--out', join(tempDir(), 'x.csv')], io),
    ).rejects.toThrow('There is no import #9.')
    expect(output()).toBe('')
    expect(existsSync(join(tempDir(), 'x.csv'))).toBe(false)
  })
})
