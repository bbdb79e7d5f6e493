import type { BackupKind } from '../../../../electron/shared/ipc'

/** Why a backup exists, in the words the list shows. */
export const BACKUP_KIND_LABELS: Record<BackupKind, string> = {
  manual: 'Made by you',
  'before-update': 'Before an app update',
  'before-restore': 'Before a restore',
  'before-erase': 'Before erasing',
  other: 'Backup',
}
