/**
 * Imports, snapshot edits and the post-update maintenance run one at a time: two writers would
 * only queue on SQLite's lock anyway. Settings asks `busy()` so it never swaps the file under one.
 */
export interface WriteQueue {
  enqueue<T>(work: () => Promise<T>): Promise<T>
  /** True while any write is queued or running. */
  busy(): boolean
}

export function createWriteQueue(): WriteQueue {
  let tail: Promise<unknown> = Promise.resolve()
  let queued = 0
  return {
    enqueue<T>(work: () => Promise<T>): Promise<T> {
      queued += 1
      const next = tail.then(work, work)
      tail = next.catch(() => undefined)
      void next.then(
        () => (queued -= 1),
        () => (queued -= 1),
      )
      return next
    },
    busy: () => queued > 0,
  }
}
