/**
 * What a save through the Node side's save dialog came to, in words for the line under the
 * buttons. The report and both places that save lead lists word failures and cancels alike.
 */
import { errorMessage } from './api'

export interface SaveResult {
  kind: 'success' | 'error'
  text: string
}

/**
 * Waits for a save and words its outcome; null when the user closed the dialog, which is no
 * news to them. A failure becomes the error's text rather than a rejection.
 */
export async function describeSave<Saved extends { saved: true }>(
  save: Promise<Saved | { saved: false }>,
  describe: (saved: Saved) => string,
): Promise<SaveResult | null> {
  try {
    const response = await save
    return response.saved ? { kind: 'success', text: describe(response) } : null
  } catch (error) {
    return { kind: 'error', text: errorMessage(error) }
  }
}
