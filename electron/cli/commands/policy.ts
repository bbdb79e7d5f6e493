import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { PolicyOptions, PolicyTier } from '../../shared/activity'
import { isIsoDay } from '../../shared/validate'
import { DEFAULT_TIERS, PolicyRuleError, parseRule, writePolicyCsv } from '../../main/activity/policy'
import { UsageError, type CliCommand } from '../command'
import { invokeOrThrow, withCliContext } from '../context'

function tiersOf(rules: string[] | undefined): PolicyTier[] {
  if (!rules || rules.length === 0) return [...DEFAULT_TIERS]
  return rules.map((rule) => {
    try {
      return parseRule(rule)
    } catch (error) {
      if (error instanceof PolicyRuleError) throw new UsageError(`--rule: ${error.message}`)
      throw error
    }
  })
}

function snapshotRuleOf(text: string): { k: number; n: number } {
  const match = /^(\d{1,3}),(\d{1,3})$/.exec(text.trim())
  const k = Number(match?.[1])
  const n = Number(match?.[2])
  if (!match || k < 1 || n < k)
    throw new UsageError(`--snapshots: expected K,N with 1 ≤ K ≤ N (e.g. 3,4), got '${text}'`)
  return { k, n }
}

export const policyCommand: CliCommand = {
  name: 'policy',
  summary: 'List the leads a tiered bounce policy flags (from imported activity files)',
  usage:
    'policy [--db <path>] [--rule H,S,D[,review|suspend|remove]…] [--as-of YYYY-MM-DD] [--count-categoryless] [--count-sender-side] [--snapshots K,N] [--out <file.csv>] [--json]',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: false,
      options: {
        db: { type: 'string' },
        rule: { type: 'string', multiple: true },
        'as-of': { type: 'string' },
        'count-categoryless': { type: 'boolean' },
        'count-sender-side': { type: 'boolean' },
        snapshots: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean' },
      },
    })
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals.join(' ')}'`)
    const asOf = values['as-of']
    if (asOf !== undefined && !isIsoDay(asOf)) throw new UsageError(`--as-of: expected YYYY-MM-DD, got '${asOf}'`)
    const options: PolicyOptions = {
      tiers: tiersOf(values.rule),
      ...(asOf === undefined ? {} : { asOf }),
      ...(values['count-categoryless'] ? { countCategoryless: true } : {}),
      ...(values['count-sender-side'] ? { countSenderSide: true } : {}),
    }
    const snapshots = values.snapshots === undefined ? null : snapshotRuleOf(values.snapshots)
    return withCliContext(values.db, async (context) => {
      if (snapshots) {
        const leads = await invokeOrThrow(context, 'activity:snapshot-rule', { ...snapshots, action: 'review' })
        for (const lead of leads) {
          if (values.json) io.stdout.write(`${JSON.stringify(lead)}\n`)
          else io.stdout.write(`${lead.email}\t${lead.list}\tsuspended in ${lead.suspendedIn} of ${lead.of}\n`)
        }
        if (!values.json)
          io.stderr.write(
            `${leads.length} leads Email Suspended in ≥ ${snapshots.k} of the last ${snapshots.n} snapshots\n`,
          )
        return 0
      }
      const preview = await invokeOrThrow(context, 'activity:policy-preview', options)
      if (values.out !== undefined) await writePolicyCsv(resolve(values.out), preview.leads)
      if (values.json) {
        for (const lead of preview.leads) {
          const { leadId, email, hard, soft, firstAt, lastAt, action } = lead
          io.stdout.write(`${JSON.stringify({ leadId, email, hard, soft, firstAt, lastAt, action })}\n`)
        }
        return 0
      }
      if (preview.asOf === null) {
        io.stdout.write('No activity events yet: import a Bulk Activity Extract file first.\n')
        return 0
      }
      options.tiers.forEach((tier, index) => {
        const window = preview.windows[index]
        io.stdout.write(
          `tier ${index + 1}: ≥ ${tier.hard} hard or ≥ ${tier.soft} soft in ${tier.days} days (${window?.from} – ${window?.to}) → ${tier.action}\n`,
        )
      })
      for (const lead of preview.leads) {
        io.stdout.write(
          `${lead.leadId}\t${lead.email ?? ''}\t${lead.action}\thard ${lead.hard}\tsoft ${lead.soft}\t${lead.firstAt} – ${lead.lastAt}${lead.deliveredLater ? '\tdelivered later' : ''}\n`,
        )
      }
      io.stdout.write(
        `This rule flags ${preview.flagged} leads; ${preview.deliveredLater} of them were delivered to later.\n`,
      )
      if (values.out !== undefined) io.stdout.write(`Wrote ${preview.flagged} leads to ${resolve(values.out)}\n`)
      return 0
    })
  },
}
