/**
 * What the user typed into "Explain a bounce", kept for the whole session so that following a code
 * link to the Codes view and coming back finds the text still there.
 */
export const explainDraft = $state({ text: '', recipient: '' })
