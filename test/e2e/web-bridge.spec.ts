import { expect, test } from './fixtures'

test('the preview bridge refuses requests without its token and from other hosts', async ({ server, request }) => {
  const base = new URL(server.url)
  const invoke = `${base.origin}/api/invoke`
  const body = { channel: 'imports:list', request: {} }
  expect((await request.post(invoke, { data: body })).status()).toBe(401)
  expect((await request.post(invoke, { data: body, headers: { 'x-bridge-token': 'wrong' } })).status()).toBe(401)
  const ok = await request.post(invoke, { data: body, headers: { 'x-bridge-token': server.token } })
  expect(await ok.json()).toEqual({ ok: true, value: [] })
  const rebound = await request.post(invoke.replace('127.0.0.1', 'localhost'), {
    data: body,
    headers: { 'x-bridge-token': server.token, host: 'evil.example' },
  })
  expect(rebound.status()).toBe(403)
})

test('the preview bridge answers a malformed request with a typed error', async ({ server, request }) => {
  const invoke = `${new URL(server.url).origin}/api/invoke`
  const headers = { 'x-bridge-token': server.token }
  const bad = await request.post(invoke, { data: { channel: 'imports:run', request: { files: 'x' } }, headers })
  expect(await bad.json()).toEqual({
    ok: false,
    error: { code: 'bad-request', message: 'imports:run.files: expected a non-empty list' },
  })
  const unknown = await request.post(invoke, { data: { channel: 'db:drop', request: {} }, headers })
  expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'unknown-channel' } })
})
