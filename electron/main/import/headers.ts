/** The lead fields the app reads; everything else in an export is listed as unknown and ignored. */
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

/** How the missing-column error names a field: the label the user sees in Marketo. */
export const FIELD_LABELS: Record<LeadField, string> = {
  email: 'Email Address',
  marketoId: 'Id',
  emailInvalid: 'Email Invalid',
  emailInvalidCause: 'Email Invalid Cause',
  emailSuspended: 'Email Suspended',
  emailSuspendedCause: 'Email Suspended Cause',
  emailSuspendedAt: 'Email Suspended At',
}

// Keys are labels folded by `foldLabel`: Marketo UI labels and Bulk Extract API names alike.
const LABEL_TO_FIELD: ReadonlyMap<string, LeadField> = new Map([
  ['emailaddress', 'email'],
  ['email', 'email'],
  // The address column in Marketo's other UI languages; other localized labels are left to the
  // column-mapping step rather than guessed.
  ['emailadresse', 'email'],
  ['adresseemail', 'email'],
  ['adresseélectronique', 'email'],
  ['direccióndecorreoelectrónico', 'email'],
  ['correoelectrónico', 'email'],
  ['endereçodeemail', 'email'],
  ['indirizzoemail', 'email'],
  ['メールアドレス', 'email'],
  ['id', 'marketoId'],
  ['leadid', 'marketoId'],
  ['marketoid', 'marketoId'],
  ['emailinvalid', 'emailInvalid'],
  ['emailinvalidcause', 'emailInvalidCause'],
  ['emailsuspended', 'emailSuspended'],
  ['emailsuspendedcause', 'emailSuspendedCause'],
  ['emailsuspendedat', 'emailSuspendedAt'],
])

export function foldLabel(label: string): string {
  return label
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '')
}

export interface HeaderMap {
  columns: Partial<Record<LeadField, number>>
  unknownColumns: string[]
  /** A label that appears twice: the first column wins and this says which were ignored. */
  repeatedColumns: string[]
}

export function mapHeader(header: readonly string[]): HeaderMap {
  const columns: Partial<Record<LeadField, number>> = {}
  const unknownColumns: string[] = []
  const repeatedColumns: string[] = []
  header.forEach((label, index) => {
    const field = LABEL_TO_FIELD.get(foldLabel(label))
    if (field === undefined) {
      if (label.trim() !== '') unknownColumns.push(label.trim())
    } else if (columns[field] === undefined) {
      columns[field] = index
    } else {
      repeatedColumns.push(label.trim())
    }
  })
  return { columns, unknownColumns, repeatedColumns }
}
