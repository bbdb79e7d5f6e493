import type { ProviderRule } from './types'

/** Filtering gateways' and sending services' own codes and wordings (Mimecast, Proofpoint, Mailgun …), with sources. */
export const GATEWAY_AND_ESP_RULES: readonly ProviderRule[] = []
