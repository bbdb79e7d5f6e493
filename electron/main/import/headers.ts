import { LEAD_FIELDS, type ColumnMapping, type LeadField } from '../../shared/lead-fields'

export { FIELD_LABELS, LEAD_FIELDS, type ColumnMapping, type LeadField } from '../../shared/lead-fields'

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
  columns: ColumnMapping
  unknownColumns: string[]
  /** A label that appears twice: the first column wins and this says which were ignored. */
  repeatedColumns: string[]
}

export function mapHeader(header: readonly string[]): HeaderMap {
  const columns: ColumnMapping = {}
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

/** Identifies a header layout, so a mapping the user chose once is reused for the next export. */
export function headerSignature(header: readonly string[]): string {
  return header.map(foldLabel).join('\u001f')
}

/** The columns a user-chosen mapping leaves unused, for the import report. */
export function unmappedColumns(header: readonly string[], mapping: ColumnMapping): string[] {
  const used = new Set(LEAD_FIELDS.map((field) => mapping[field]).filter((index) => index !== undefined))
  return header.flatMap((label, index) => (used.has(index) || label.trim() === '' ? [] : [label.trim()]))
}
