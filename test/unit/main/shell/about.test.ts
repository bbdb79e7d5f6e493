import { describe, expect, it } from 'vitest'
import { aboutText } from '../../../../electron/main/shell/about'
import { CLASSIFIER_VERSION } from '../../../../electron/shared/classify'

describe('aboutText', () => {
  const facts = {
    version: '1.2.3',
    dbPath: '/home/ana/.config/Bounce Auditor/bounce-auditor.db',
    classifierVersion: CLASSIFIER_VERSION,
  }

  it('names the version, the classifier and where the database is', () => {
    const text = aboutText(facts)
    expect(text.title).toBe('About Bounce Auditor')
    expect(text.message).toBe('Bounce Auditor 1.2.3')
    expect(text.detail).toContain('Version: 1.2.3')
    expect(text.detail).toContain(`Classifier: ${CLASSIFIER_VERSION}`)
    expect(text.detail).toContain('Database: /home/ana/.config/Bounce Auditor/bounce-auditor.db')
    expect(text.detail).not.toContain('Runtime')
  })

  it('copies plain facts, one per line, including the runtime when known', () => {
    const text = aboutText({ ...facts, runtime: { electron: '45.5.0', chrome: '142.0.0.0', node: '22.20.0' } })
    expect(text.clipboard.split('\n')).toEqual([
      'Bounce Auditor',
      'Version: 1.2.3',
      `Classifier: ${CLASSIFIER_VERSION}`,
      'Database: /home/ana/.config/Bounce Auditor/bounce-auditor.db',
      'Runtime: Electron 45.5.0, Chromium 142.0.0.0, Node 22.20.0',
    ])
  })

  it('keeps a Windows path exactly as given', () => {
    const dbPath = 'C:\\Users\\Ana\\AppData\\Roaming\\Bounce Auditor\\bounce-auditor.db'
    expect(aboutText({ ...facts, dbPath }).detail).toContain(`Database: ${dbPath}`)
  })
})
