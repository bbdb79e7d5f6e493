import type { BackupKind } from '../../../../electron/shared/ipc'
import { formatNumber } from '../../lib/api'

/** Why a backup exists, in the words the list shows. */
export const BACKUP_KIND_LABELS: Record<BackupKind, string> = {
  manual: 'Made by you',
  'before-update': 'Before an app update',
  'before-restore': 'Before a restore',
  'before-erase': 'Before erasing',
  other: 'Backup',
}

/** `12.3 MB`; one decimal below ten, so small files do not all read `0 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${formatNumber(bytes)} B`
  const units = ['KB', 'MB', 'GB', 'TB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit] ?? 'TB'}`
}
