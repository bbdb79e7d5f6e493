import type { FileRef, ImportPreview } from '../../shared/ipc'
import type { ImportStore } from '../db/import-store'
import { probeFile } from './file-probe'
import { dateSamples, readLayout } from './file-layout'

/** Reads only the start of a file: what the mapping step needs to show. */
export async function inspectFile(
  file: FileRef,
  store: Pick<ImportStore, 'rememberedMapping'>,
): Promise<ImportPreview> {
  const probe = await probeFile(file.path)
  const layout = await readLayout(file.path, probe.encoding, file.name)
  const remembered = layout.detected ? null : store.rememberedMapping(layout.signature)
  return {
    fileName: file.name,
    encoding: probe.encoding,
    delimiter: layout.delimiter === '\t' ? 'tab' : layout.delimiter,
    header: layout.header,
    rows: layout.sampleRows,
    mapping: layout.detected ?? remembered ?? layout.recognised,
    source: layout.detected ? 'header' : remembered ? 'remembered' : 'none',
    required: ['email'],
    dateSamples: dateSamples(layout, (layout.detected ?? remembered ?? layout.recognised).emailSuspendedAt),
  }
}
