/** The lead fields the app reads from an export; every other column is listed as unknown. */
export const LEAD_FIELDS = [
  'email',
  'marketoId',
  'emailInvalid',
  'emailInvalidCause',
  'emailSuspended',
  'emailSuspendedCause',
  'emailSuspendedAt',
] as const
export type LeadField = (typeof LEAD_FIELDS)[number]

/** How the app names a field to the user: the label Marketo shows. */
export const FIELD_LABELS: Record<LeadField, string> = {
  email: 'Email Address',
  marketoId: 'Id',
  emailInvalid: 'Email Invalid',
  emailInvalidCause: 'Email Invalid Cause',
  emailSuspended: 'Email Suspended',
  emailSuspendedCause: 'Email Suspended Cause',
  emailSuspendedAt: 'Email Suspended At',
}

/** Which column (0-based) holds each field; a field without a column is absent from the file. */
export type ColumnMapping = Partial<Record<LeadField, number>>
