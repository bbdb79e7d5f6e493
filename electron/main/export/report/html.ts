import {
  REASON_GROUP_LABELS,
  REASON_GROUP_MEANINGS,
  VERDICT_INFO,
  providerLabel,
  reasonLabel,
} from '../../../shared/labels'
import type { ActionItem, Compared, ImportSummary } from '../../../shared/ipc'
import type { ReportChart } from './charts'
import type { ReportData } from './report-data'
import { formatChange, formatCount, formatPointsChange, formatRate, longDay } from './words'

export interface ReportMeta {
  /** When the report was made (shown in its footer). */
  generatedAt: Date
  appVersion: string
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/**
 * Text for HTML content and quoted attributes. Every list name, file name, domain and bounce
 * text passes through here: bounce texts are written by strangers' mail servers.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character)
}

const e = escapeHtml

// Inline styles only (the file must stand alone); print rules keep a chart or a table row whole.
const STYLE = `
@page { size: A4; margin: 14mm 14mm 16mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 900px; padding: 24px; color: #1c2230; background: #fff;
  font: 13px/1.45 Helvetica, Arial, sans-serif; }
@media print { body { padding: 0; max-width: none; } }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 26px 0 8px; padding-bottom: 4px; border-bottom: 2px solid #dde1e7;
  break-after: avoid; page-break-after: avoid; }
h3 { font-size: 14px; margin: 16px 0 2px; break-after: avoid; page-break-after: avoid; }
p { margin: 4px 0; }
.scope { color: #5a6372; margin: 0; }
.muted { color: #5a6372; }
.small { font-size: 11px; }
section, figure, .keep { break-inside: avoid; page-break-inside: avoid; }
.headline { display: grid; grid-template-columns: repeat(3, 1fr); gap: 8px; margin-top: 8px; }
.figure { border: 1px solid #dde1e7; border-radius: 6px; padding: 8px 10px; }
.figure .label { color: #5a6372; font-size: 12px; }
.figure .value { font-size: 22px; font-weight: 700; }
.figure .compare { font-size: 11px; color: #5a6372; }
.up { color: #b3372a; }
.down { color: #26774b; }
ol.actions { padding-left: 0; list-style: none; margin: 8px 0 0; }
ol.actions li { padding: 6px 10px; margin-bottom: 6px;
  border-left: 4px solid #6b7380; background: #f5f6f8; break-inside: avoid; page-break-inside: avoid; }
ol.actions li.remove { border-color: #c0392b; }
ol.actions li.review-sender-blocks { border-color: #6a55c9; }
ol.actions li.provider-rise { border-color: #2f62c8; }
ol.actions li.retry { border-color: #c47f17; }
table { width: 100%; border-collapse: collapse; margin-top: 6px; font-size: 12px; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { text-align: left; padding: 4px 6px; border-bottom: 1px solid #dde1e7; vertical-align: top; }
th { font-weight: 600; color: #5a6372; background: #f5f6f8; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.key { word-break: break-all; }
.swatch { display: inline-block; width: 9px; height: 9px; border-radius: 2px; margin-right: 6px; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
figure { margin: 10px 0 14px; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { color: #5a6372; font-size: 11px; margin-bottom: 4px; }
.pagebreak { break-before: page; page-break-before: always; }
footer { margin-top: 28px; padding-top: 8px; border-top: 1px solid #dde1e7; color: #7d8594; font-size: 11px; }
`

const VERDICT_COLORS: Record<string, string> = {
  remove: '#c0392b',
  retry: '#c47f17',
  'fix-sending': '#6a55c9',
  review: '#6b7380',
}

function scopeLine(data: ReportData): string {
  const { scope, latest } = data
  if (scope.kind === 'import') {
    return `Snapshot of ${e(longDay(latest.snapshotDate))} · file ${e(latest.fileName)} · import #${latest.id}`
  }
  const snapshots = `${scope.snapshots} snapshot${scope.snapshots === 1 ? '' : 's'}`
  return `Period ${e(longDay(scope.from))} – ${e(longDay(scope.to))} (${snapshots}) · latest snapshot ${e(longDay(latest.snapshotDate))}, file ${e(latest.fileName)}`
}

function comparedWith(previous: ImportSummary | null): string {
  return previous
    ? `Compared with the previous snapshot of this list, ${e(longDay(previous.snapshotDate))} (${e(previous.fileName)}).`
    : 'This is the first snapshot of this list, so there is nothing to compare with yet.'
}

/** A change coloured as good or bad news: for bounces, fewer is better. */
function change(latest: number, previous: number | null, fewerIsBetter = true): string {
  const text = formatChange(latest, previous)
  if (text === '' || previous === null) return ''
  const tone = latest === previous ? '' : latest > previous === fewerIsBetter ? 'up' : 'down'
  return `<span class="${tone}">${e(text)}</span>`
}

function figure(key: string, label: string, value: string, compare: string): string {
  return `<div class="figure" data-figure="${e(key)}"><div class="label">${e(label)}</div><div class="value">${value}</div><div class="compare">${compare}</div></div>`
}

function headline(data: ReportData): string {
  const { comparison: c, latest, previous } = data
  // A growing export is neither good nor bad news; more bounces are bad news.
  const before = (figures: Compared, fewerIsBetter = true): string =>
    figures.previous === null
      ? '&nbsp;'
      : `${change(figures.latest, figures.previous, fewerIsBetter)} · was ${formatCount(figures.previous)}`
  const rowsCompare =
    c.rows.previous === null
      ? '&nbsp;'
      : `${e(formatChange(c.rows.latest, c.rows.previous))} · was ${formatCount(c.rows.previous)}`
  const invalidRate = latest.rows > 0 ? latest.invalid / latest.rows : null
  const suspendedRate = latest.rows > 0 ? latest.suspended / latest.rows : null
  const hardCompare =
    c.hardBounceRate.previous === null
      ? '&nbsp;'
      : `${e(formatPointsChange(c.hardBounceRate.latest, c.hardBounceRate.previous))} · was ${formatRate(c.hardBounceRate.previous)}`
  const since = previous ? ` since ${e(longDay(previous.snapshotDate))}` : ''
  return `<div class="headline">
${figure('rows', 'Rows in the export', formatCount(c.rows.latest), rowsCompare)}
${figure('invalid', `Email Invalid (${formatRate(invalidRate)})`, formatCount(c.invalid.latest), before(c.invalid))}
${figure('suspended', `Email Suspended (${formatRate(suspendedRate)})`, formatCount(c.suspended.latest), before(c.suspended))}
${figure('hard-rate', 'Hard-bounce rate', formatRate(c.hardBounceRate.latest), hardCompare)}
${figure('newly-invalid', 'Newly invalid', c.newlyInvalid === null ? '–' : formatCount(c.newlyInvalid), previous ? `Email Invalid now, not${since}` : 'needs an earlier snapshot')}
${figure('recovered', 'Recovered', c.recovered === null ? '–' : formatCount(c.recovered), previous ? `no longer Email Invalid${since}` : 'needs an earlier snapshot')}
</div>`
}

function actionItems(items: ActionItem[]): string {
  if (items.length === 0) {
    return '<p class="muted" data-testid="no-actions">Nothing to act on in this snapshot: no bounce asks for a change.</p>'
  }
  const rows = items
    .map(
      (item) =>
        `<li class="${e(item.kind)}" data-kind="${e(item.kind)}" data-count="${item.count}">${e(item.sentence)}</li>`,
    )
    .join('\n')
  return `<ol class="actions">\n${rows}\n</ol>`
}

function numberCells(latest: number, previous: number | null, hasPrevious: boolean): string {
  if (!hasPrevious) return `<td class="n">${formatCount(latest)}</td>`
  return `<td class="n">${formatCount(latest)}</td><td class="n">${previous === null ? '–' : formatCount(previous)}</td><td class="n">${change(latest, previous)}</td>`
}

function compareHead(first: string, hasPrevious: boolean, extra = ''): string {
  const numbers = hasPrevious
    ? '<th class="n">Now</th><th class="n">Before</th><th class="n">Change</th>'
    : '<th class="n">Rows</th>'
  return `<thead><tr><th>${first}</th>${extra}${numbers}</tr></thead>`
}

function verdictsTable(data: ReportData): string {
  const hasPrevious = data.previous !== null
  const rows = data.verdicts
    .map((entry) => {
      const info = VERDICT_INFO[entry.verdict]
      return `<tr data-verdict="${e(entry.verdict)}"><td><span class="swatch" style="background:${VERDICT_COLORS[entry.verdict] ?? '#6b7380'}"></span><strong>${e(info.label)}</strong><br><span class="muted small">${e(info.meaning)}</span></td>${numberCells(entry.latest, entry.previous, hasPrevious)}</tr>`
    })
    .join('\n')
  return `<table class="keep">${compareHead('Verdict', hasPrevious)}<tbody>\n${rows}\n</tbody></table>`
}

function groupsTable(data: ReportData): string {
  const hasPrevious = data.previous !== null
  const rows = data.reasonGroups
    .map(
      (entry) =>
        `<tr data-group="${e(entry.group)}"><td><strong>${e(REASON_GROUP_LABELS[entry.group])}</strong><br><span class="muted small">${e(REASON_GROUP_MEANINGS[entry.group])}</span></td>${numberCells(entry.latest, entry.previous, hasPrevious)}</tr>`,
    )
    .join('\n')
  return `<table class="keep">${compareHead('Reason group', hasPrevious)}<tbody>\n${rows}\n</tbody></table>`
}

function topReasonsTable(data: ReportData): string {
  if (data.topReasons.length === 0) return '<p class="muted">No bounce causes in this snapshot.</p>'
  const rows = data.topReasons
    .map((entry) => `<tr><td>${e(reasonLabel(entry.reason))}</td><td class="n">${formatCount(entry.rows)}</td></tr>`)
    .join('\n')
  return `<table class="keep"><thead><tr><th>Reason</th><th class="n">Email Invalid</th></tr></thead><tbody>\n${rows}\n</tbody></table>`
}

function domainsTable(data: ReportData): string {
  if (data.topDomains.length === 0) return '<p class="muted">No Email Invalid rows.</p>'
  const hasPrevious = data.previous !== null
  const rows = data.topDomains
    .map(
      (entry) =>
        `<tr data-domain="${e(entry.key)}"><td class="key">${e(entry.key)}</td>${numberCells(entry.latest, entry.previous, hasPrevious)}</tr>`,
    )
    .join('\n')
  return `<table>${compareHead('Domain', hasPrevious)}<tbody>\n${rows}\n</tbody></table>`
}

function providersTable(data: ReportData): string {
  if (data.topProviders.length === 0) return '<p class="muted">No Email Invalid rows.</p>'
  const rows = data.topProviders
    .map((entry) => {
      const name = entry.key === 'other' ? 'Other providers' : providerLabel(entry.key)
      const rateChange = formatPointsChange(entry.rate.latest, entry.rate.previous)
      return `<tr data-provider="${e(entry.key)}"><td class="key">${e(name)}</td><td class="n">${formatCount(entry.latest)}</td><td class="n">${formatCount(entry.addresses.latest)}</td><td class="n">${formatRate(entry.rate.latest)}${rateChange ? `<br><span class="muted small">${e(rateChange)}</span>` : ''}</td></tr>`
    })
    .join('\n')
  return `<table><thead><tr><th>Provider</th><th class="n">Email Invalid</th><th class="n">Addresses</th><th class="n">Rate</th></tr></thead><tbody>\n${rows}\n</tbody></table>`
}

function trendSection(data: ReportData, charts: ReportChart[]): string {
  const points = data.trend
  const intro =
    points.length < 2
      ? '<p class="muted">Only one snapshot of this list so far: the charts fill in as later exports are imported.</p>'
      : `<p class="muted">${points.length} snapshots of “${e(data.listName)}”, ${e(longDay(points[0]?.snapshotDate ?? ''))} to ${e(longDay(points.at(-1)?.snapshotDate ?? ''))}.</p>`
  const figures = charts
    .map(
      (chart) =>
        `<figure data-chart="${e(chart.key)}"><h3>${e(chart.title)}</h3><figcaption>${e(chart.caption)}</figcaption>${chart.svg}</figure>`,
    )
    .join('\n')
  const rows = points
    .map(
      (point) =>
        `<tr><td>${e(longDay(point.snapshotDate))}</td><td class="n">${formatCount(point.rows)}</td><td class="n">${formatCount(point.invalid)}</td><td class="n">${formatRate(point.invalidRate)}</td><td class="n">${formatCount(point.suspended)}</td><td class="n">${point.newlyInvalid === null ? '–' : formatCount(point.newlyInvalid)}</td><td class="n">${point.recovered === null ? '–' : formatCount(point.recovered)}</td></tr>`,
    )
    .join('\n')
  return `<section class="pagebreak" id="trends" style="break-inside:auto;page-break-inside:auto">
<h2>Trends</h2>
${intro}
${figures}
<h3>The figures behind the charts</h3>
<table data-testid="trend-table"><thead><tr><th>Snapshot</th><th class="n">Rows</th><th class="n">Email Invalid</th><th class="n">Rate</th><th class="n">Email Suspended</th><th class="n">Newly invalid</th><th class="n">Recovered</th></tr></thead><tbody>
${rows}
</tbody></table>
</section>`
}

/**
 * The report as one self-contained HTML document: inline CSS, inline SVG charts, no script, no
 * link, no image from anywhere. Its Content-Security-Policy refuses scripts and every fetch, a
 * second guard behind the escaping should a browser ever meet a bounce text crafted to break out.
 */
export function buildReportHtml(data: ReportData, charts: ReportChart[], meta: ReportMeta): string {
  const title = `Bounce report: ${data.listName}`
  const generated = meta.generatedAt.toISOString().slice(0, 16).replace('T', ' ')
  const others =
    data.otherLists.length === 0
      ? ''
      : `<p class="muted small">This report covers the list of the period’s newest snapshot. Other lists with snapshots in the period: ${data.otherLists.map((list) => `${e(list.name)} (${list.snapshots})`).join(', ')}.</p>`
  const f = data.filters
  const filterWords = [
    f.domain ? `domain ${e(f.domain)}` : null,
    f.provider ? `provider ${e(providerLabel(f.provider))}` : null,
    f.reason ? `reason “${e(reasonLabel(f.reason))}”` : null,
    f.verdict ? `verdict “${e(VERDICT_INFO[f.verdict].label)}”` : null,
  ].filter((word) => word !== null)
  const filtered =
    filterWords.length === 0
      ? ''
      : `<p class="muted small" data-testid="report-filters">The charts and the figures behind them are filtered to ${filterWords.join(', ')}; the headline figures cover the whole snapshot.</p>`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Bounce Auditor ${e(meta.appVersion)}">
<title>${e(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Bounce report: <span data-testid="list-name">${e(data.listName)}</span></h1>
<p class="scope" data-testid="scope">${scopeLine(data)}</p>
<p class="scope">${comparedWith(data.previous)}</p>
${others}
${filtered}
</header>
<section id="headline">
<h2>Headline numbers</h2>
${headline(data)}
</section>
<section id="actions" style="break-inside:auto;page-break-inside:auto">
<h2>Action items</h2>
${actionItems(data.actionItems)}
</section>
<section id="verdicts">
<h2>What to do with the bounces</h2>
<p class="muted small">Each Email Invalid row, by what its bounce text asks of you. The verdict can differ from Marketo’s own flag.</p>
${verdictsTable(data)}
</section>
<section id="reasons">
<h2>Why they bounced</h2>
<div class="two">
<div>${groupsTable(data)}</div>
<div>${topReasonsTable(data)}</div>
</div>
</section>
<section id="tops" style="break-inside:auto;page-break-inside:auto">
<h2>Top domains and providers</h2>
<div class="two">
<div><h3>Domains</h3>${domainsTable(data)}</div>
<div><h3>Providers</h3><p class="muted small">Rate: Email Invalid as a share of the provider’s addresses.</p>${providersTable(data)}</div>
</div>
</section>
${trendSection(data, charts)}
<footer>Made by Bounce Auditor ${e(meta.appVersion)} on ${e(generated)} UTC, offline, from the exports imported into its local database. Bounce texts are classified by the app; Marketo’s own flags are shown as exported.</footer>
</body>
</html>
`
}
