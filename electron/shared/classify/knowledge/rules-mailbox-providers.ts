import type { ProviderRule } from './types'

/** Mailbox providers' own codes and wordings (Microsoft 365, iCloud, Zoho, GMX, Yandex, QQ …), with sources. */
export const MAILBOX_PROVIDER_RULES: readonly ProviderRule[] = []
