import { CsvScanner } from '../../electron/main/import/csv-scanner'

const BOM = '\uFEFF'

/**
 * Reads an exported CSV back with the importer's own scanner, as the app would read it, and
 * checks the UTF-8 byte order mark the exports promise Excel.
 */
export function readExportedCsv(bytes: Buffer, delimiter = ','): string[][] {
  const text = bytes.toString('utf8')
  if (!text.startsWith(BOM)) throw new Error('the file does not start with a UTF-8 byte order mark')
  const scanner = new CsvScanner(delimiter)
  const records: string[][] = []
  const fail = (error: Error): never => {
    throw error
  }
  scanner.push(text.slice(BOM.length), (record) => records.push(record.fields), fail)
  scanner.end((record) => records.push(record.fields), fail)
  return records
}
