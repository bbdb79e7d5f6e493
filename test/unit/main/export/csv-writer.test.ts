import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PassThrough, Writable } from 'node:stream'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import {
  createCsvWriter,
  formatCsvCell,
  formatCsvRecord,
  neutraliseFormula,
  type CsvCell,
  type CsvDelimiter,
} from '../../../../electron/main/export/csv-writer'
import { readExportedCsv } from '../../../helpers/read-csv'
import { useTempDir } from '../../../helpers/temp-dir'

const tempDir = useTempDir()
const BOM = [0xef, 0xbb, 0xbf]

function parse(bytes: Buffer, delimiter: CsvDelimiter = ','): string[][] {
  expect([...bytes.subarray(0, 3)]).toEqual(BOM)
  return readExportedCsv(bytes, delimiter)
}

function collect(stream: PassThrough): () => Buffer {
  const chunks: Buffer[] = []
  stream.on('data', (chunk: Buffer) => chunks.push(chunk))
  return () => Buffer.concat(chunks)
}

async function writeToBuffer(rows: readonly (readonly CsvCell[])[], delimiter: CsvDelimiter = ','): Promise<Buffer> {
  const stream = new PassThrough()
  const bytes = collect(stream)
  const writer = createCsvWriter(stream, { delimiter })
  for (const row of rows) await writer.writeRow(row)
  await writer.end()
  return bytes()
}

describe('neutraliseFormula (OWASP CSV injection)', () => {
  it.each(['=', '+', '-', '@', '\t', '\r'])('puts an apostrophe before a cell starting with %j', (lead) => {
    expect(neutraliseFormula(`${lead}1+2`)).toBe(`'${lead}1+2`)
    // TAB and CR are line-ish control characters, so the cell is quoted as well.
    expect(formatCsvCell(`${lead}SUM(A1)`)).toMatch(/^"?'/)
  })

  it('leaves every other text alone', () => {
    for (const text of ['', 'a=b', ' =1+1', "'=already", '550 5.1.1 user unknown', '\n=1', 'ä=1', '5-1']) {
      expect(neutraliseFormula(text)).toBe(text)
    }
  })

  it('neutralises the classic DDE payload and still quotes it', () => {
    expect(formatCsvCell("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0")
    expect(formatCsvCell('=HYPERLINK("http://evil.example","x")')).toBe('"\'=HYPERLINK(""http://evil.example"",""x"")"')
  })

  it('writes numbers as numbers, a negative one included', () => {
    expect(formatCsvCell(-5)).toBe('-5')
    expect(formatCsvCell(1234)).toBe('1234')
    expect(formatCsvCell(Number.NaN)).toBe('')
    expect(formatCsvCell('-5')).toBe("'-5")
  })
})

describe('formatCsvCell / formatCsvRecord', () => {
  it('quotes only what needs it, doubling quotes', () => {
    expect(formatCsvCell('plain text')).toBe('plain text')
    expect(formatCsvCell('a,b')).toBe('"a,b"')
    expect(formatCsvCell('say "hi"')).toBe('"say ""hi"""')
    expect(formatCsvCell('line\nbreak')).toBe('"line\nbreak"')
    expect(formatCsvCell('line\rbreak')).toBe('"line\rbreak"')
    expect(formatCsvCell('a;b')).toBe('a;b')
    expect(formatCsvCell('a;b', ';')).toBe('"a;b"')
    expect(formatCsvCell('a\tb', '\t')).toBe('"a\tb"')
    expect(formatCsvCell(null)).toBe('')
    expect(formatCsvCell(undefined)).toBe('')
  })

  it('ends every record with CRLF', () => {
    expect(formatCsvRecord(['a', 1, null, 'b,c'])).toBe('a,1,,"b,c"\r\n')
  })

  it('quotes a cell starting with TAB or CR after neutralising it, since it holds a control char', () => {
    expect(formatCsvCell('\t=1', '\t')).toBe('"\'\t=1"')
    expect(formatCsvCell('\r=1')).toBe('"\'\r=1"')
  })
})

describe('createCsvWriter', () => {
  it('writes a BOM, CRLF line ends, and reads back exactly (after neutralisation)', async () => {
    const rows = [
      ['Email Address', 'Email Invalid Cause'],
      ['ana@northwind.example', '550 5.1.1 <ana@northwind.example>: User unknown'],
      ['bo@example.com', 'multi\nline, with "quotes"'],
      ['cy@example.com', "=cmd|' /C calc'!A0"],
      ['dé@exämple.com', '+1 -2 @x'],
      ['', ''],
    ]
    const bytes = await writeToBuffer(rows)
    const text = bytes.subarray(3).toString('utf8')
    // One CRLF per record; the LF inside the quoted cell is kept as written, not a record end.
    expect(text.split('\r\n')).toHaveLength(rows.length + 1)
    expect(text).toContain('bo@example.com,"multi\nline, with ""quotes"""\r\n')
    expect(text).toContain("cy@example.com,'=cmd|' /C calc'!A0\r\n")
    expect(text.endsWith('\r\n')).toBe(true)
    expect(parse(bytes)).toEqual(rows.map((row) => row.map(neutraliseFormula)))
  })

  it('round-trips random nasty text with each delimiter', async () => {
    const alphabet = ['a', 'Z', ' ', ',', ';', '\t', '"', "'", '\n', '\r', '\r\n', '=', '+', '-', '@', 'é', '😀']
    let seed = 7
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed % n
    }
    const cell = (): string => Array.from({ length: 1 + random(12) }, () => alphabet[random(alphabet.length)]).join('')
    const rows = Array.from({ length: 300 }, () => [cell(), cell(), cell()])
    for (const delimiter of [',', ';', '\t'] as const) {
      const bytes = await writeToBuffer(rows, delimiter)
      expect(parse(bytes, delimiter)).toEqual(rows.map((row) => row.map(neutraliseFormula)))
    }
  })

  it('writes a BOM even for an empty export, and none when asked', async () => {
    expect([...(await writeToBuffer([]))]).toEqual(BOM)
    const stream = new PassThrough()
    const bytes = collect(stream)
    const writer = createCsvWriter(stream, { bom: false })
    await writer.writeRow(['x'])
    await writer.end()
    expect(bytes().toString('utf8')).toBe('x\r\n')
    expect(writer.records).toBe(1)
  })

  it('waits for drain when the stream is full', async () => {
    const callbacks: (() => void)[] = []
    const slow = new Writable({
      highWaterMark: 16,
      write(_chunk, _encoding, callback) {
        callbacks.push(() => callback())
      },
    })
    const writer = createCsvWriter(slow, { end: false })
    let done = false
    // One row larger than the writer's chunk, so it reaches the stream at once.
    const pending = writer.writeRow(['x'.repeat(70_000)]).then(() => (done = true))
    await nextTurn()
    expect(done).toBe(false)
    expect(callbacks).toHaveLength(1)
    callbacks.shift()?.()
    await pending
    expect(done).toBe(true)
  })

  it('rejects when the stream fails instead of hanging', async () => {
    const broken = new Writable({
      highWaterMark: 16,
      write(_chunk, _encoding, callback) {
        callback(new Error('disk full'))
      },
    })
    const writer = createCsvWriter(broken)
    await expect(writer.writeRow(['x'.repeat(70_000)])).rejects.toThrow('disk full')
  })

  it('writes a file only when complete, replacing an older one', async () => {
    const path = join(tempDir(), 'list.csv')
    writeFileSync(path, 'old')
    const writer = createCsvWriter(path)
    await writer.writeRow(['Email Address'])
    await writer.writeRow(['ana@example.com'])
    expect(readFileSync(path, 'utf8')).toBe('old')
    await writer.end()
    expect(parse(readFileSync(path))).toEqual([['Email Address'], ['ana@example.com']])
    expect(readdirSync(tempDir())).toEqual(['list.csv'])
  })

  it('leaves nothing behind (and the old file intact) when aborted', async () => {
    const path = join(tempDir(), 'list.csv')
    writeFileSync(path, 'old')
    const writer = createCsvWriter(path)
    await writer.writeRow(['x'.repeat(70_000)])
    await writer.abort()
    await writer.abort()
    expect(readFileSync(path, 'utf8')).toBe('old')
    expect(readdirSync(tempDir())).toEqual(['list.csv'])
    await expect(writer.writeRow(['y'])).rejects.toThrow(/aborted/)
  })

  it('reports a folder that does not exist when ending', async () => {
    const path = join(tempDir(), 'missing', 'list.csv')
    const writer = createCsvWriter(path)
    await writer.writeRow(['x'])
    await expect(writer.end()).rejects.toThrow(/ENOENT/)
    expect(existsSync(path)).toBe(false)
    await writer.abort()
  })
})
