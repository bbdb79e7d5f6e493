import type { FileRef, ImportPreview } from '../../shared/ipc'
import type { ImportStore } from '../db/import-store'
import { dateSamples } from './file-layout'
import { openRecordSource } from './record-source'

/** Reads only the start of a file: what the mapping step needs to show. */
export async function inspectFile(
  file: FileRef,
  store: Pick<ImportStore, 'rememberedMapping'>,
): Promise<ImportPreview> {
  const source = openRecordSource(file.path)
  const probe = await source.probe()
  const layout = await source.layout(probe, file.name)
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
