import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../electron/main/db/migrate'
import { MIGRATIONS } from '../../../electron/main/db/migrations'
import { openDatabase } from '../../../electron/main/db/open'
import { importFile } from '../../../electron/main/import/import-file'
import { providerFromDomain } from '../../../electron/shared/classify/provider'
import { useTempDir } from '../../helpers/temp-dir'

const tempDir = useTempDir()

describe('causes are stored per (text, recipient provider)', () => {
  it('keeps the same text apart for recipients of different providers, and classifies it with the domain', async () => {
    const path = join(tempDir(), 'weekly-2026-11-13.csv')
    const text = '550 5.7.28 Our system has detected an unusual rate of unsolicited mail'
    writeFileSync(
      path,
      [
        'Id,Email Address,Email Invalid,Email Invalid Cause',
        `1,a@gmail.com,true,"${text}"`,
        `2,b@gmail.com,true,"${text}"`,
        `3,c@example.org,true,"${text}"`,
        '',
      ].join('\n'),
    )
    const db = openDatabase(join(tempDir(), 'app.db'))
    await importFile(db, { path, name: 'weekly-2026-11-13.csv' })
    const rows = db
      .prepare('SELECT text, mailbox_provider, sample_domain FROM causes ORDER BY mailbox_provider')
      .all() as { text: string; mailbox_provider: string; sample_domain: string }[]
    expect(rows.map((row) => row.mailbox_provider)).toEqual(['', providerFromDomain('gmail.com')].sort())
    expect(new Set(rows.map((row) => row.text))).toEqual(new Set([text]))
    expect(rows.find((row) => row.mailbox_provider !== '')?.sample_domain).toBe('gmail.com')
    db.close()
  })

  it('migrates an older database keeping every cause id the spans point at', () => {
    const file = join(tempDir(), 'old.db')
    const old = new Database(file)
    old.pragma('foreign_keys = ON')
    migrate(old, MIGRATIONS, 60)
    old.exec(`
      INSERT INTO lists (id, name) VALUES (1, 'l');
      INSERT INTO leads (id, identity, email, domain) VALUES (1, 'id:1', 'a@x.org', 'x.org');
      INSERT INTO causes (id, text, classifier_version, severity, reason, hard_bounce, verdict, rule)
        VALUES (7, 'user unknown', 'old', 'permanent', 'userunknown', 1, 'remove', 'r');
      INSERT INTO open_spans (list_id, lead_id, from_seq, email_invalid, invalid_cause_id, email_suspended)
        VALUES (1, 1, 1, 1, 7, 0);
    `)
    migrate(old, MIGRATIONS)
    expect(old.prepare('SELECT id, text, mailbox_provider FROM causes').all()).toEqual([
      { id: 7, text: 'user unknown', mailbox_provider: '' },
    ])
    expect(old.pragma('foreign_key_check')).toEqual([])
    expect(old.pragma('foreign_keys', { simple: true })).toBe(1)
    old.close()
  })
})
