/**
 * The read-only channels of the history views (Overview, Imports, Trends, Leads, Compare,
 * Codes): each one a prepared query on the app's connection, prepared once per table.
 */
import { ApiError, type IpcHandlers } from '../../shared/ipc'
import { createCodeUsageQueries } from '../db/code-usage-queries'
import { createDiffQueries } from '../db/diff-queries'
import { createExplorerQueries } from '../db/explorer-queries'
import { createQueries } from '../db/queries'
import { createTrendQueries } from '../db/trend-queries'
import { dbUnavailable, type HandlerDeps } from '../core/handler-deps'

export type HistoryChannel =
  | 'imports:list'
  | 'imports:report'
  | 'overview:get'
  | 'history:newly-invalid'
  | 'history:counts'
  | 'trends:series'
  | 'explorer:page'
  | 'leads:timeline'
  | 'diff:get'
  | 'diff:rows'
  | 'codes:usage'

export function createHistoryHandlers(deps: Pick<HandlerDeps, 'db' | 'dbError'>): Pick<IpcHandlers, HistoryChannel> {
  const prepared = deps.db
    ? (() => {
        const queries = createQueries(deps.db)
        return {
          queries,
          trends: createTrendQueries(deps.db, queries.history),
          explorer: createExplorerQueries(deps.db),
          diff: createDiffQueries(deps.db),
          codes: createCodeUsageQueries(deps.db),
        }
      })()
    : null
  const views = (): NonNullable<typeof prepared> => {
    if (!prepared) throw dbUnavailable(deps)
    return prepared
  }

  return {
    'imports:list': () => views().queries.listImports(),
    'overview:get': () => views().queries.overview(),
    'imports:report': ({ importId }) => {
      const report = views().queries.importReport(importId)
      if (!report) throw new ApiError('not-found', `There is no import #${importId}.`)
      return report
    },
    'history:newly-invalid': ({ listId }) => views().queries.history.newlyInvalid(listId),
    'history:counts': () => views().queries.history.counts(),
    'trends:series': (request) => views().trends.series(request),
    'explorer:page': (request) => views().explorer.page(request),
    'leads:timeline': ({ leadId }) => views().explorer.timeline(leadId),
    'diff:get': ({ importA, importB }) => views().diff.counts(importA, importB),
    'diff:rows': (request) => views().diff.rows(request),
    'codes:usage': () => views().codes.usage(),
  }
}
