import { resolve } from 'node:path'
import { ApiError, type Channel, type RequestOf, type ResponseOf } from '../shared/ipc'
import { startJobInProcess } from '../main/import/in-process-job'
import { neverSave } from '../main/core/save-paths'
import { createAppContext, type AppContext } from '../main/core/app-context'
import type { Emit } from '../main/core/handler-deps'
import { dispatch } from '../main/core/ipc-dispatch'
import { defaultUserDataDir } from '../main/core/paths'
import { resolveDbPath } from '../main/settings/location'
import { RESOURCES_DIR, packageVersion } from '../main/core/repo-paths'

/** The CLI goes through the same dispatch as the app, so validation and errors are identical. */
export async function invokeOrThrow<K extends Channel>(
  context: AppContext,
  channel: K,
  request: RequestOf<K>,
): Promise<ResponseOf<K>> {
  const envelope = await dispatch(context.handlers, channel, request)
  if (!envelope.ok) throw new ApiError(envelope.error.code, envelope.error.message)
  return envelope.value as ResponseOf<K>
}

export async function withCliContext<T>(
  dbOption: string | undefined,
  work: (context: AppContext) => Promise<T>,
  emit: Emit = () => undefined,
): Promise<T> {
  // Follows the desktop app's database to where Settings moved it.
  const dbPath = resolve(dbOption ?? resolveDbPath(defaultUserDataDir()))
  const context = createAppContext({
    dbPath,
    resourcesDir: RESOURCES_DIR,
    version: packageVersion(),
    shell: 'web',
    emit,
    startImportWorker: startJobInProcess,
    chooseSavePath: neverSave,
  })
  try {
    if (context.dbError) throw new ApiError('db-unavailable', context.dbError)
    return await work(context)
  } finally {
    context.close()
  }
}
