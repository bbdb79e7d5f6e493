import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { scanActivityRows, type ActivityRow } from '../../../electron/main/activity/activity-rows'
import { CsvScanner, CsvSyntaxError, type CsvRecord } from '../../../electron/main/import/csv-scanner'
import { useTempDir } from '../../helpers/temp-dir'

interface Scanned {
  records: { line: number; fields: string[] }[]
  error: { message: string; line: number; field: number } | null
}

/** What the import's CsvScanner reads from the same text: the reference the byte scanner must match. */
function reference(text: string, delimiter: string): Scanned {
  const records: CsvRecord[] = []
  const scanner = new CsvScanner(delimiter)
  const onError = (error: CsvSyntaxError): void => {
    throw error
  }
  try {
    scanner.push(text.replace(/^\uFEFF/, ''), (record) => records.push(record), onError)
    scanner.end((record) => records.push(record), onError)
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error
    return { records, error: { message: error.message, line: error.line, field: error.field } }
  }
  return { records, error: null }
}

async function scanned(path: string, delimiter: string, chunkBytes: number, encoding: 'utf-8' | 'utf-16le' = 'utf-8') {
  const records: Scanned['records'] = []
  let bytes = 0
  try {
    const rows = scanActivityRows(
      path,
      encoding,
      delimiter,
      (chunk) => (bytes += chunk.length),
      (row: ActivityRow) => records.push({ line: row.line, fields: [...row.texts()] }),
      chunkBytes,
    )
    for await (const _ of rows);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error
    return { records, error: { message: error.message, line: error.line, field: error.field }, bytes }
  }
  return { records, error: null, bytes }
}

/** A deterministic generator of awkward cells: quotes, delimiters and line breaks inside quotes, UTF-8. */
function awkwardFile(seed: number, delimiter: string): string {
  let state = seed
  const next = (n: number): number => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0
    return state % n
  }
  const cells = [
    '123456789',
    '',
    'null',
    'Newsletter März',
    '2026-03-02T09:00:00Z',
    '"{""Category"": ""2"", ""Details"": ""550 5.1.1 <a@b.example>""}"',
    '"a""b"',
    `"x${delimiter}y"`,
    '"two\nlines"',
    '"crlf\r\ninside"',
    '"lone\rcr"',
    '""',
    'émoji 📬',
    'un"quoted"',
  ]
  const breaks = ['\n', '\r\n', '\r']
  const lines: string[] = []
  for (let row = 0; row < 300; row += 1) {
    const width = 1 + next(6)
    lines.push(Array.from({ length: width }, () => cells[next(cells.length)]).join(delimiter))
    lines.push(breaks[next(breaks.length)] ?? '\n')
  }
  return lines.join('')
}

describe('scanActivityRows (bytes) reads exactly what the import’s CsvScanner reads', () => {
  const tempDir = useTempDir()

  it('on awkward files, whatever the chunk size, with a BOM, for comma, tab and semicolon', async () => {
    for (const [seed, delimiter] of [
      [1, ','],
      [2, '\t'],
      [3, ';'],
    ] as const) {
      const text = `\uFEFF${awkwardFile(seed, delimiter)}`
      const path = join(tempDir(), `awkward-${seed}.csv`)
      writeFileSync(path, text)
      const expected = reference(text, delimiter)
      expect(expected.error).toBeNull()
      expect(expected.records.length).toBeGreaterThan(290)
      // One byte at a time only for the first file: slow, and it tests the BOM arriving in pieces.
      for (const chunkBytes of seed === 1 ? [1, 3, 64, 512 * 1024] : [2, 5, 4096]) {
        const actual = await scanned(path, delimiter, chunkBytes)
        expect(actual.error).toBeNull()
        expect(actual.records).toEqual(expected.records)
        expect(actual.bytes).toBe(Buffer.byteLength(text))
      }
    }
  })

  it('gives the same two syntax errors with the same line and field', async () => {
    const cases = ['a,b\n1,"2\n3,4\n', 'a,b\n1,"2"x,3\n', 'a,b\n"line\nbreak","v"oops\n', 'a,b\n1,2\n3,"never closed']
    for (const [index, text] of cases.entries()) {
      const path = join(tempDir(), `bad-${index}.csv`)
      writeFileSync(path, text)
      const expected = reference(text, ',')
      expect(expected.error).not.toBeNull()
      for (const chunkBytes of [1, 4, 1024]) {
        const actual = await scanned(path, ',', chunkBytes)
        expect(actual.error).toEqual(expected.error)
        // Records before the bad one were handed over in order, as the reference read them.
        expect(actual.records).toEqual(expected.records.slice(0, actual.records.length))
      }
    }
  })

  it('reads numbers, dates and JSON brackets from the bytes only when they are the plain form', async () => {
    const path = join(tempDir(), 'cells.csv')
    writeFileSync(
      path,
      [
        '42,2026-03-02T09:00:05Z,"{""a"":1}",null,"7",-3,2026-02-30T00:00:00Z,x',
        '1234567890123456, 42,2026-03-02T09:00:05+0000,[1],"{}",12a,2026-03-02T24:00:00Z,',
        '',
      ].join('\n'),
    )
    const rows: {
      digits: (number | null)[]
      iso: (number | null)[]
      bracketed: boolean[]
      cells: string[]
    }[] = []
    for await (const _ of scanActivityRows(
      path,
      'utf-8',
      ',',
      () => undefined,
      (row) =>
        rows.push({
          digits: Array.from({ length: row.width }, (_, i) => row.digits(i)),
          iso: Array.from({ length: row.width }, (_, i) => row.isoSeconds(i)),
          bracketed: Array.from({ length: row.width }, (_, i) => row.bracketed(i)),
          cells: Array.from({ length: row.width + 1 }, (_, i) => row.cell(i)),
        }),
    ));
    const at = Date.UTC(2026, 2, 2, 9, 0, 5) / 1000
    expect(rows[0]).toEqual({
      digits: [42, null, null, null, 7, null, null, null],
      iso: [null, at, null, null, null, null, null, null],
      bracketed: [false, false, true, false, false, false, false, false],
      // 'null' reads as empty, quotes are removed, a cell past the end is empty.
      cells: ['42', '2026-03-02T09:00:05Z', '{"a":1}', '', '7', '-3', '2026-02-30T00:00:00Z', 'x', ''],
    })
    // Too many digits, a space, an offset date, an hour 24, a day that does not exist: left to the text path.
    expect(rows[1]?.digits).toEqual([null, null, null, null, null, null, null, null])
    expect(rows[1]?.iso).toEqual([null, null, null, null, null, null, null, null])
    expect(rows[1]?.bracketed).toEqual([false, false, false, true, true, false, false, false])
    expect(rows).toHaveLength(2)
  })

  it('reads UTF-16 files through CsvScanner behind the same interface', async () => {
    const text = '\uFEFFa,b\n1,"x, y"\n'
    const path = join(tempDir(), 'utf16.csv')
    writeFileSync(path, Buffer.from(text, 'utf16le'))
    const actual = await scanned(path, ',', 3, 'utf-16le')
    expect(actual.records).toEqual(reference(text, ',').records)
  })
})
