/**
 * One read from the Node side, re-run whenever `dependsOn` changes (usually the import flow's
 * revision). Construct it while a component initialises: it owns an `$effect`.
 */
import { untrack } from 'svelte'
import { errorMessage } from './api'

export class Query<T> {
  /** The last answer; kept while a re-query runs, so a view does not flash its empty state. */
  value = $state.raw<T | undefined>(undefined)
  error = $state<string | null>(null)
  loading = $state(true)

  constructor(fetch: () => Promise<T>, dependsOn: () => unknown) {
    $effect(() => {
      dependsOn()
      let stale = false
      untrack(() => {
        this.loading = true
        fetch().then(
          (value) => {
            if (stale) return
            this.value = value
            this.error = null
            this.loading = false
          },
          (error: unknown) => {
            if (stale) return
            this.error = errorMessage(error)
            this.loading = false
          },
        )
      })
      return () => {
        stale = true
      }
    })
  }
}
