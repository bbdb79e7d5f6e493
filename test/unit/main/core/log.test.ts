import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LOG_FILE_NAME, createLog, scrub } from '../../../../electron/main/core/log'
import { useTempDir } from '../../../helpers/temp-dir'

const tempDir = useTempDir()

describe('the app log', () => {
  it('rotates by size and keeps at most the configured number of files', () => {
    const folder = join(tempDir(), 'logs')
    const log = createLog(folder, { maxBytes: 2000, files: 3 })
    for (let n = 0; n < 200; n += 1) log.info('import finished', { rows: n, ms: 12 })
    const files = readdirSync(folder).sort()
    expect(files).toEqual([LOG_FILE_NAME, `${LOG_FILE_NAME}.1`, `${LOG_FILE_NAME}.2`])
    for (const file of files) expect(statSync(join(folder, file)).size).toBeLessThanOrEqual(2000)
    // The newest line is in the current file, the oldest kept ones in `.2`.
    const current = readFileSync(join(folder, LOG_FILE_NAME), 'utf8').trim().split('\n')
    expect(JSON.parse(current.at(-1) ?? '{}')).toMatchObject({ fields: { rows: 199 } })
    const oldest = JSON.parse(readFileSync(join(folder, `${LOG_FILE_NAME}.2`), 'utf8').split('\n')[0] ?? '{}') as {
      fields: { rows: number }
    }
    expect(oldest.fields.rows).toBeGreaterThan(0)
  })

  it('scrubs anything shaped like an email address from messages, fields and stacks', () => {
    const folder = join(tempDir(), 'logs')
    const log = createLog(folder)
    const error = new Error('550 5.1.1 <jane.doe+news@example.co.uk>: user unknown')
    log.error('failed for bob@example.com', error, { file: 'leads-of-ann@corp.example.csv', rows: 3 })
    log.info('note', { who: 'x@y.io' })
    const text = readFileSync(join(folder, LOG_FILE_NAME), 'utf8')
    expect(text).not.toMatch(/@[\w-]+\.[a-z]/i)
    expect(text).toContain('<email>')
    expect(scrub('Mail to "A" <a.b@c.de>, c@d.ef; done')).toBe('Mail to "A" <<email>>, <email>; done')
  })

  it('cuts very long texts, so a message that quotes data cannot fill the log', () => {
    const folder = join(tempDir(), 'logs')
    createLog(folder).error('x'.repeat(10_000))
    const entry = JSON.parse(readFileSync(join(folder, LOG_FILE_NAME), 'utf8')) as { message: string }
    expect(entry.message.length).toBeLessThanOrEqual(501)
  })

  it('returns the newest errors across rotated files, oldest first, scrubbed again on the way out', () => {
    const folder = join(tempDir(), 'logs')
    const log = createLog(folder, { maxBytes: 600, files: 3 })
    for (let n = 0; n < 12; n += 1) {
      log.info('filler line to make the file rotate')
      log.error(`failure ${n}`)
    }
    const recent = log.recentErrors(3)
    expect(recent.map((entry) => entry.message)).toEqual(['failure 9', 'failure 10', 'failure 11'])
    // A line written by hand (or by an older version) is not trusted.
    writeFileSync(
      join(folder, LOG_FILE_NAME),
      `${JSON.stringify({ time: 't', level: 'error', message: 'from mia@example.org' })}\nnot json\n`,
      { flag: 'a' },
    )
    expect(log.recentErrors(1)[0]?.message).toBe('from <email>')
  })

  it('never throws when the folder cannot be written', () => {
    const file = join(tempDir(), 'a-file')
    writeFileSync(file, '')
    const log = createLog(join(file, 'logs'))
    expect(() => log.error('still fine')).not.toThrow()
    expect(existsSync(join(file, 'logs'))).toBe(false)
    expect(log.recentErrors(5)).toEqual([])
  })
})
