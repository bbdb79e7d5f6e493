import { describe, expect, it } from 'vitest'
import { CsvScanner, CsvSyntaxError, type CsvRecord } from '../../../../electron/main/import/csv-scanner'

interface Scan {
  records: CsvRecord[]
  errors: { line: number; field: number; message: string }[]
}

function scan(chunks: readonly string[], delimiter = ','): Scan {
  const scanner = new CsvScanner(delimiter)
  const result: Scan = { records: [], errors: [] }
  const onRecord = (record: CsvRecord): void => void result.records.push(record)
  const onError = (error: CsvSyntaxError): void =>
    void result.errors.push({ line: error.line, field: error.field, message: error.message })
  for (const chunk of chunks) scanner.push(chunk, onRecord, onError)
  scanner.end(onRecord, onError)
  return result
}

const TRICKY =
  'Email Address,Email Invalid Cause,Note\r\n' +
  'a@x.io,"550 5.1.1 ""quoted"" user, unknown",plain\r\n' +
  '\r\n' +
  'b@x.io,"multi\r\nline\r\ncause",n\n' +
  'c@x.io,550 "mailbox" unknown,\r' +
  'd@x.io,,"trailing quote"\n' +
  'e@x.io,"",""'

describe('CsvScanner', () => {
  it('reads quotes, escapes, embedded line breaks, every line ending and empty fields', () => {
    const { records, errors } = scan([TRICKY])
    expect(errors).toEqual([])
    expect(records).toEqual([
      { line: 1, fields: ['Email Address', 'Email Invalid Cause', 'Note'] },
      { line: 2, fields: ['a@x.io', '550 5.1.1 "quoted" user, unknown', 'plain'] },
      { line: 3, fields: [''] },
      { line: 4, fields: ['b@x.io', 'multi\r\nline\r\ncause', 'n'] },
      { line: 7, fields: ['c@x.io', '550 "mailbox" unknown', ''] },
      { line: 8, fields: ['d@x.io', '', 'trailing quote'] },
      { line: 9, fields: ['e@x.io', '', ''] },
    ])
  })

  it('gives the same records however the text is split into chunks', () => {
    const whole = scan([TRICKY])
    for (let cut = 0; cut <= TRICKY.length; cut += 1) {
      expect(scan([TRICKY.slice(0, cut), TRICKY.slice(cut)]), `cut at ${cut}`).toEqual(whole)
    }
    expect(scan([...TRICKY])).toEqual(whole)
  })

  it('reads semicolons and tabs', () => {
    expect(scan(['a;b\n"x;y";z\n'], ';').records.map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['x;y', 'z'],
    ])
    expect(scan(['a\tb\nx\ty\n'], '\t').records.map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['x', 'y'],
    ])
  })

  it('skips a record with text after a closing quote, names its line, and goes on', () => {
    const { records, errors } = scan(['h1,h2\nok,1\n"bad"x,2\nnext,3\n'])
    expect(records.map((r) => [r.line, r.fields[0]])).toEqual([
      [1, 'h1'],
      [2, 'ok'],
      [4, 'next'],
    ])
    expect(errors).toEqual([
      { line: 3, field: 1, message: expect.stringMatching(/text follows a closing quote/) as string },
    ])
  })

  it('refuses a quoted field that never closes, naming the line it starts on', () => {
    expect(() => scan(['h\nok\n"never closed\nmore\nlines\n'])).toThrow(CsvSyntaxError)
    const thrown = (() => {
      try {
        scan(['h\nok\n"never', ' closed\nmore\n'])
        return null
      } catch (error) {
        return error
      }
    })()
    expect(thrown).toMatchObject({ line: 3, field: 1, fatal: true })
  })
})
