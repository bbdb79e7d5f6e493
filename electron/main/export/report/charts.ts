import { parse, View } from 'vega'
import { compile, type TopLevelSpec } from 'vega-lite'
import { providerShortLabel, REASON_GROUP_LABELS } from '../../../shared/labels'
import { REASON_GROUPS, type ReasonGroup, type TrendPoint } from '../../../shared/ipc'
import { shortDay } from '../../db/overview-queries'

/**
 * The report's trend charts, drawn in Node as SVG text (vega's headless renderer), so the HTML
 * file needs no script and prints the same everywhere. Colours are the app's light-theme
 * tokens (renderer/src/styles/global.css), so a chart in the report looks like the one on screen.
 */
export const REPORT_COLORS = {
  invalid: '#c0392b',
  suspended: '#c47f17',
  recovered: '#26774b',
  accent: '#2f62c8',
  fixSending: '#6a55c9',
  muted: '#6b7380',
  text: '#1c2230',
  grid: '#dde1e7',
} as const

const GROUP_COLORS: Record<ReasonGroup, string> = {
  address: REPORT_COLORS.invalid,
  mailbox: REPORT_COLORS.recovered,
  reputation: REPORT_COLORS.fixSending,
  content: REPORT_COLORS.accent,
  temporary: REPORT_COLORS.suspended,
  other: REPORT_COLORS.muted,
}

const SERIES_COLORS = [
  REPORT_COLORS.accent,
  REPORT_COLORS.fixSending,
  REPORT_COLORS.suspended,
  REPORT_COLORS.recovered,
  REPORT_COLORS.invalid,
]

/** Providers drawn as their own line; the rest is summed as one. */
const TOP_PROVIDERS = 4

export interface ReportChart {
  key: 'rates' | 'groups' | 'providers' | 'changes'
  title: string
  /** One sentence under the title: what to read in the chart. */
  caption: string
  svg: string
}

// Sized for the printable width of A4 (about 180 mm) at 96 px per inch, in print-legible type.
const WIDTH = 600
const HEIGHT = 170
const FONT = 'Helvetica, Arial, sans-serif'

const CONFIG = {
  font: FONT,
  background: 'white',
  view: { stroke: null },
  axis: {
    labelFontSize: 11,
    titleFontSize: 11,
    labelColor: REPORT_COLORS.text,
    titleColor: REPORT_COLORS.text,
    gridColor: REPORT_COLORS.grid,
    domainColor: '#c5cbd4',
    tickColor: '#c5cbd4',
  },
  legend: {
    labelFontSize: 11,
    titleFontSize: 11,
    orient: 'bottom',
    direction: 'horizontal',
    labelColor: REPORT_COLORS.text,
    symbolSize: 90,
    columns: 4,
    labelLimit: 220,
  },
} as const

type Datum = Record<string, string | number>

/** Snapshot labels like `13 Nov`; two snapshots of one day get their import number too. */
function snapshotLabels(points: TrendPoint[]): string[] {
  const reference = points.at(-1)?.snapshotDate ?? ''
  const labels = points.map((point) => shortDay(point.snapshotDate, reference))
  return labels.map((label, index) =>
    labels.indexOf(label) === labels.lastIndexOf(label) ? label : `${label} (#${points[index]?.importId ?? ''})`,
  )
}

function xAxis(labels: string[]) {
  return {
    field: 'snapshot',
    type: 'ordinal',
    // Snapshots in time order, not alphabetical.
    sort: labels,
    title: null,
    axis: { labelAngle: labels.length > 8 ? -45 : 0, labelOverlap: true },
  } as const
}

function colorOf(domain: string[], range: string[]) {
  return { field: 'series', type: 'nominal', title: null, scale: { domain, range }, sort: domain } as const
}

async function toSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' })
  try {
    return await view.toSVG()
  } finally {
    view.finalize()
  }
}

function ratesSpec(points: TrendPoint[], labels: string[]): TopLevelSpec {
  const values: Datum[] = points.flatMap((point, index) => {
    const snapshot = labels[index] ?? ''
    return [
      ...(point.invalidRate === null ? [] : [{ snapshot, series: 'Email Invalid', value: point.invalidRate }]),
      ...(point.suspendedRate === null ? [] : [{ snapshot, series: 'Email Suspended', value: point.suspendedRate }]),
    ]
  })
  return {
    config: CONFIG,
    width: WIDTH,
    height: HEIGHT,
    data: { values },
    mark: { type: 'line', point: { size: 50, filled: true }, strokeWidth: 2.5 },
    encoding: {
      x: xAxis(labels),
      y: { field: 'value', type: 'quantitative', title: 'Share of rows', axis: { format: '.1%', tickCount: 5 } },
      color: colorOf(['Email Invalid', 'Email Suspended'], [REPORT_COLORS.invalid, REPORT_COLORS.suspended]),
    },
  }
}

function stackedSpec(values: Datum[], labels: string[], domain: string[], range: string[]): TopLevelSpec {
  return {
    config: CONFIG,
    width: WIDTH,
    height: HEIGHT,
    data: { values },
    mark: { type: 'bar', width: { band: 0.6 } },
    encoding: {
      x: xAxis(labels),
      y: { field: 'value', type: 'quantitative', title: 'Email Invalid rows', stack: 'zero', axis: { tickCount: 5 } },
      color: colorOf(domain, range),
      order: { field: 'order', type: 'quantitative' },
    },
  }
}

function groupsSpec(points: TrendPoint[], labels: string[]): TopLevelSpec {
  const values = points.flatMap((point, index) =>
    REASON_GROUPS.map((group, order) => ({
      snapshot: labels[index] ?? '',
      series: REASON_GROUP_LABELS[group],
      value: point.byReasonGroup[group],
      order,
    })),
  )
  return stackedSpec(
    values,
    labels,
    REASON_GROUPS.map((group) => REASON_GROUP_LABELS[group]),
    REASON_GROUPS.map((group) => GROUP_COLORS[group]),
  )
}

/** The providers with the most Email Invalid rows in the newest snapshot, the rest as "Other". */
function providersSpec(points: TrendPoint[], labels: string[]): TopLevelSpec {
  const newest = points.at(-1)?.byProvider ?? {}
  const top = Object.entries(newest)
    .filter(([key, rows]) => key !== 'other' && rows > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, TOP_PROVIDERS)
    .map(([key]) => key)
  // A legend has room for `Microsoft`, not for `Microsoft (Outlook, Microsoft 365)`.
  const names = top.map(providerShortLabel)
  const values = points.flatMap((point, index) => {
    const snapshot = labels[index] ?? ''
    const total = Object.values(point.byProvider).reduce((sum, rows) => sum + rows, 0)
    const shown = top.reduce((sum, key) => sum + (point.byProvider[key] ?? 0), 0)
    return [
      ...top.map((key, order) => ({ snapshot, series: names[order] ?? key, value: point.byProvider[key] ?? 0, order })),
      { snapshot, series: 'All others', value: total - shown, order: top.length },
    ]
  })
  const domain = [...names, 'All others']
  const range = [...SERIES_COLORS.slice(0, names.length), REPORT_COLORS.muted]
  return stackedSpec(values, labels, domain, range)
}

function changesSpec(points: TrendPoint[], labels: string[]): TopLevelSpec {
  const values: Datum[] = points.flatMap((point, index) => {
    const snapshot = labels[index] ?? ''
    if (point.newlyInvalid === null || point.recovered === null) return []
    return [
      { snapshot, series: 'Newly invalid', value: point.newlyInvalid },
      { snapshot, series: 'Recovered', value: point.recovered },
    ]
  })
  return {
    config: CONFIG,
    width: WIDTH,
    height: HEIGHT,
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: xAxis(labels),
      xOffset: { field: 'series', sort: ['Newly invalid', 'Recovered'] },
      y: { field: 'value', type: 'quantitative', title: 'Leads', axis: { tickCount: 5, format: 'd' } },
      color: colorOf(['Newly invalid', 'Recovered'], [REPORT_COLORS.invalid, REPORT_COLORS.recovered]),
    },
  }
}

/** The four charts of the Trends view, for the snapshots given (oldest first). */
export async function renderTrendCharts(points: TrendPoint[]): Promise<ReportChart[]> {
  const labels = snapshotLabels(points)
  const charts: Omit<ReportChart, 'svg'>[] = [
    {
      key: 'rates',
      title: 'Email Invalid and Email Suspended',
      caption: 'Share of the export’s rows flagged by Marketo, per snapshot.',
    },
    {
      key: 'groups',
      title: 'Why addresses bounced',
      caption: 'Email Invalid rows per reason group: who has to act differs per group.',
    },
    {
      key: 'providers',
      title: 'Bounces by mailbox provider',
      caption: `Email Invalid rows at the ${TOP_PROVIDERS} providers with the most in the newest snapshot.`,
    },
    {
      key: 'changes',
      title: 'Newly invalid and recovered',
      caption: 'Leads that became Email Invalid since the previous snapshot, and leads that are no longer.',
    },
  ]
  const specs: Record<ReportChart['key'], TopLevelSpec> = {
    rates: ratesSpec(points, labels),
    groups: groupsSpec(points, labels),
    providers: providersSpec(points, labels),
    changes: changesSpec(points, labels),
  }
  return Promise.all(charts.map(async (chart) => ({ ...chart, svg: await toSvg(specs[chart.key]) })))
}
