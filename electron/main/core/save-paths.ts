import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { ChooseSavePath } from './handler-deps'

/**
 * For the browser preview, which cannot show the native save dialog: exports go into one folder
 * (beside the preview's database) under their suggested name, and the UI says where.
 */
export function saveIntoFolder(folder: string): ChooseSavePath {
  return async ({ defaultName }) => {
    mkdirSync(folder, { recursive: true })
    return join(folder, defaultName)
  }
}

/** Where nothing should be saved through the handler table (the CLI writes exports itself). */
export const neverSave: ChooseSavePath = async () => null
