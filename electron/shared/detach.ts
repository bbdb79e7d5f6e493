/**
 * A copy of `text` that no longer points into the string it was sliced from. Fields are slices
 * of a 1 MB decoded chunk; keeping one as a map key would keep the whole chunk alive, and an
 * import's memory would grow with the file instead of staying flat.
 */
export function detach(text: string): string {
  return (' ' + text).slice(1)
}
