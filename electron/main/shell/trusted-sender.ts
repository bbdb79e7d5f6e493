/**
 * IPC answers only our own page: the built renderer on file://, or electron-vite's dev server in
 * development. Anything else that somehow loads in a frame gets nothing.
 */
export function isTrustedSenderUrl(frameUrl: string, rendererFile: string, devServerUrl: string | undefined): boolean {
  let url: URL
  try {
    url = new URL(frameUrl)
  } catch {
    return false
  }
  if (devServerUrl) {
    const dev = new URL(devServerUrl)
    if (url.origin === dev.origin) return true
  }
  if (url.protocol !== 'file:') return false
  return decodeURIComponent(url.pathname).replace(/\\/g, '/').endsWith(rendererFile.replace(/\\/g, '/'))
}
