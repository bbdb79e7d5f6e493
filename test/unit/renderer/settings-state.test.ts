import { describe, expect, it } from 'vitest'
import type { BackupInfo, Channel, RequestOf, ResponseOf, SettingsInfo } from '../../../electron/shared/ipc'
import {
  SettingsState,
  siblingFolder,
  type Invoke,
} from '../../../renderer/src/components/settings/settings-state.svelte'

/** A fake Node side: answers from the table given, records every call. */
function fake(answers: Partial<{ [K in Channel]: (request: RequestOf<K>) => ResponseOf<K> | Promise<ResponseOf<K>> }>) {
  const calls: string[] = []
  const invoke = (async (channel: Channel, request: unknown) => {
    calls.push(channel)
    const answer = answers[channel] as ((request: unknown) => unknown) | undefined
    if (!answer) throw Object.assign(new Error(`no answer for ${channel}`), { code: 'internal' })
    return answer(request)
  }) as Invoke
  return { invoke, calls }
}

const backup: BackupInfo = { name: 'b1.sqlite', kind: 'manual', bytes: 2048, takenAt: '2026-11-20T10:00:00.000Z' }

describe('SettingsState', () => {
  it('backs up, says how big, and asks the figures to re-read', async () => {
    const { invoke, calls } = fake({ 'settings:backup': () => ({ backup }) })
    const state = new SettingsState(invoke, async () => {})
    const running = state.backUpNow()
    expect(state.working).toBe('backup')
    await running
    expect(calls).toEqual(['settings:backup'])
    expect(state.working).toBeNull()
    expect(state.messageFor('backups')).toEqual({ area: 'backups', kind: 'success', text: 'Backed up (2.0 KB).' })
    expect(state.messageFor('data')).toBeNull()
    expect(state.refresh).toBe(1)
  })

  it('puts a refusal in the section it came from, in its own words', async () => {
    const { invoke } = fake({})
    const state = new SettingsState(invoke, async () => {})
    await state.openFolder('logs', 'diagnostics')
    expect(state.message).toEqual({ area: 'diagnostics', kind: 'error', text: 'no answer for settings:open-folder' })
    expect(state.working).toBeNull()
  })

  it('asks for a folder in its own dialog in the browser preview, and through the Node side in the app', async () => {
    const { invoke, calls } = fake({ 'settings:move': () => ({ moved: true, dbPath: '/new/bounce.sqlite' }) })
    const state = new SettingsState(invoke, async () => {})
    await state.move({ shell: 'web' } as SettingsInfo)
    expect(state.moveOpen).toBe(true)
    expect(calls).toEqual([])
    state.moveOpen = false
    await state.move({ shell: 'electron' } as SettingsInfo)
    expect(calls).toEqual(['settings:move'])
    expect(state.messageFor('data')?.text).toContain('/new/bounce.sqlite')
  })

  it('copies the diagnostics here when the Node side could not, and shows them either way', async () => {
    const copied: string[] = []
    const { invoke } = fake({ 'diagnostics:copy': () => ({ text: 'versions…', copied: false }) })
    const state = new SettingsState(invoke, async (text) => {
      copied.push(text)
    })
    await state.copyDiagnostics()
    expect(copied).toEqual(['versions…'])
    expect(state.diagnosticsText).toBe('versions…')
    expect(state.messageFor('diagnostics')?.kind).toBe('success')
  })

  it('closes the dialog and says what happened after a restore or an erase', () => {
    const state = new SettingsState(fake({}).invoke, async () => {})
    state.restoring = backup
    state.restored({ ...backup, kind: 'before-restore', takenAt: null, name: 'safety.sqlite' })
    expect(state.restoring).toBeNull()
    expect(state.messageFor('backups')?.text).toContain('safety.sqlite')
    state.eraseOpen = true
    state.erased(false)
    expect(state.eraseOpen).toBe(false)
    expect(state.messageFor('erase')?.text).toBe('All data and every backup were erased.')
    expect(state.refresh).toBe(2)
  })

  it('offers a sibling folder for a move, on either kind of path', () => {
    expect(siblingFolder('/home/me/data/bounce.sqlite')).toBe('/home/me/data/moved')
    expect(siblingFolder('C:\\Users\\me\\bounce.sqlite')).toBe('C:\\Users\\me\\moved')
    expect(siblingFolder('bounce.sqlite')).toBe('')
  })
})
