import { isUtf8 } from 'node:buffer'
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'

export interface FileProbe {
  sha256: string
  size: number
  encoding: TextEncoding
  hasBom: boolean
}

export class BadFileError extends Error {
  override name = 'BadFileError'
}

const NUL = 0

/**
 * One pass over the bytes gives the hash (to refuse a repeated file before any parsing) and the
 * encoding: a BOM decides, otherwise the bytes are UTF-8 only if all of them decode as UTF-8,
 * which a look at the first chunk cannot tell for a file Excel re-saved as Windows-1252.
 */
export async function probeFile(path: string): Promise<FileProbe> {
  const { size } = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new BadFileError(`${basename(path)}: cannot be read (${error.code ?? error.message})`)
  })
  const hash = createHash('sha256')
  let valid = true
  // A multi-byte character may straddle two chunks: its first bytes wait for the next chunk.
  let carry: Buffer = Buffer.alloc(0)
  let head: Buffer | null = null
  let sawNul = false
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer
    hash.update(bytes)
    if (head === null) head = bytes.subarray(0, 4)
    if (valid) {
      const joined = carry.length > 0 ? Buffer.concat([carry, bytes]) : bytes
      const cut = completeUtf8Length(joined)
      valid = isUtf8(joined.subarray(0, cut))
      carry = Buffer.from(joined.subarray(cut))
    }
    if (!sawNul && bytes.includes(NUL)) sawNul = true
  }
  if (carry.length > 0) valid = false
  const first = head ?? Buffer.alloc(0)
  const bomEncoding = encodingFromBom(first)
  const sha256 = hash.digest('hex')
  if (bomEncoding) return { sha256, size, encoding: bomEncoding, hasBom: true }
  // UTF-16 without a BOM and binary files both carry NUL bytes; a CSV never does.
  if (sawNul)
    throw new BadFileError(
      `${basename(path)}: this is not a text file (it contains binary data). Export the smart list as CSV from Marketo.`,
    )
  return { sha256, size, encoding: valid ? 'utf-8' : 'windows-1252', hasBom: false }
}

function encodingFromBom(head: Buffer): TextEncoding | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8'
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le'
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be'
  return null
}

/** Length of `bytes` without a trailing, possibly incomplete UTF-8 sequence (at most 3 bytes). */
function completeUtf8Length(bytes: Buffer): number {
  const length = bytes.length
  for (let back = 1; back <= Math.min(3, length); back += 1) {
    const byte = bytes[length - back] ?? 0
    if ((byte & 0xc0) === 0x80) continue // continuation byte: keep looking for the lead byte
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1
    return needed > back ? length - back : length
  }
  return length
}
