import { describe, expect, it } from 'vitest'
import { isTrustedSenderUrl } from '../../../../electron/main/shell/trusted-sender'

const RENDERER = '/Applications/Bounce Auditor.app/Contents/Resources/app.asar/out/renderer/index.html'

describe('isTrustedSenderUrl', () => {
  it('accepts only our own renderer file', () => {
    expect(isTrustedSenderUrl(`file://${encodeURI(RENDERER)}`, RENDERER, undefined)).toBe(true)
    expect(isTrustedSenderUrl('file:///tmp/evil/index.html', RENDERER, undefined)).toBe(false)
    expect(isTrustedSenderUrl('https://example.com/', RENDERER, undefined)).toBe(false)
    expect(isTrustedSenderUrl('not a url', RENDERER, undefined)).toBe(false)
  })

  it('accepts the dev server only when one is configured', () => {
    expect(isTrustedSenderUrl('http://localhost:5173/', RENDERER, 'http://localhost:5173')).toBe(true)
    expect(isTrustedSenderUrl('http://localhost:5173/', RENDERER, undefined)).toBe(false)
    expect(isTrustedSenderUrl('http://localhost:9999/', RENDERER, 'http://localhost:5173')).toBe(false)
  })
})
