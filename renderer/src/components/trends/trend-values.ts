/**
 * The Trends form's values and the charts' series, in a plain module so the state module, its unit test
 * (type-checked by the Node config, which cannot read `.svelte` files) and the components share them.
 */

/** The filters as the form holds them: an empty string means "any". */
export interface TrendFilterValues {
  from: string
  to: string
  domain: string
  provider: string
  reason: string
  verdict: string
  listId: string
  /** '' counts a subdomain under its registrable domain (mail.acme.co.uk under acme.co.uk); 'exact' keeps them apart. */
  subdomains: string
}

export const NO_FILTERS: TrendFilterValues = {
  from: '',
  to: '',
  domain: '',
  provider: '',
  reason: '',
  verdict: '',
  listId: '',
  subdomains: '',
}

/** One line or bar series; `color` names a CSS variable, read when the chart is drawn. */
export interface TrendDataset {
  key: string
  label: string
  color: string
  data: (number | null)[]
}
