/** The Overview card's numbers: a snapshot's address findings (issue 17). */
import type { IpcHandlers } from '../../shared/ipc'
import { ApiError } from '../../shared/ipc'
import { createHygieneQueries } from '../db/hygiene-store'
import { requireDb, type HandlerDeps } from '../core/handler-deps'

export function createHygieneHandlers(deps: HandlerDeps): Pick<IpcHandlers, 'hygiene:summary'> {
  return {
    'hygiene:summary': ({ importId }) => {
      const db = requireDb(deps)
      const queries = createHygieneQueries(db)
      const chosen = importId ?? queries.newestImportId()
      if (chosen === null) return null
      const counts = queries.counts(chosen)
      if (!counts) throw new ApiError('not-found', `There is no import #${chosen}.`)
      return { importId: chosen, ...counts }
    },
  }
}
