import { classify, type Classification } from '../../electron/shared/classify/index'
import { expect, screenshot, test } from './fixtures'
import type { Page } from '@playwright/test'

/** Real bounce texts as Marketo stores them in Email Invalid Cause. */
const TEXTS = [
  '550 5.1.1 <jane.doe@example.com>: Recipient address rejected: User unknown in virtual mailbox table',
  '554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.10',
  '452 4.2.2 The email account that you tried to reach is over quota. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaTemp - gsmtp',
  "550 5.7.1 Unfortunately, messages from [192.0.2.10] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors.",
  '421 4.7.0 [TSS04] Messages from 192.0.2.10 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes',
  '550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [DM6NAM11FT012.eop-nam11.prod.protection.outlook.com]',
  'smtp; 550 Requested action not taken: mailbox unavailable',
  'Host or domain name not found. Name service error for name=example.invalid type=A: Host not found',
]

async function explain(app: Page, text: string): Promise<void> {
  await app.getByTestId('explain-input').fill(text)
  // The card follows the box after a short pause; wait until it shows this very text.
  await expect(app.getByTestId('explain-evidence')).toHaveText(text)
}

async function expectCardMatches(app: Page, text: string, expected: Classification): Promise<void> {
  await expect(app.getByTestId('explain-verdict'), text).toHaveAttribute('data-verdict', expected.verdict)
  await expect(app.getByTestId('explain-reason'), text).toHaveAttribute('data-reason', expected.reason)
  await expect(app.getByTestId('explain-hard'), text).toHaveAttribute('data-hard', String(expected.hardBounce))
  await expect(app.getByTestId('explain-provider'), text).toHaveAttribute('data-provider', expected.provider ?? '')
  await expect(app.getByTestId('explain-card'), text).toContainText(expected.explanation)
  await expect(app.getByTestId('explain-rule'), text).toHaveText(expected.evidence[0]?.rule ?? '')
  const deciding = expected.evidence[0]
  if (deciding && deciding.match !== '' && deciding.start >= 0) {
    await expect(app.locator('[data-testid="explain-evidence"] mark.deciding'), text).toHaveText(deciding.match)
  }
}

test('the explain box classifies pasted texts exactly as the shared classifier does', async ({ app }) => {
  await app.getByTestId('nav-explain').click()
  await expect(app.getByTestId('explain-input')).toBeFocused()
  for (const text of TEXTS) {
    await explain(app, text)
    await expectCardMatches(app, text, classify(text))
  }
})

test('hand-checked: user unknown is remove, a Spamhaus block is fix-sending', async ({ app }) => {
  await app.getByTestId('nav-explain').click()

  const userUnknown = '550 5.1.1 <jane.doe@example.com>: Recipient address rejected: User unknown'
  await explain(app, userUnknown)
  await expect(app.getByTestId('explain-verdict')).toHaveAttribute('data-verdict', 'remove')
  await expect(app.getByTestId('explain-verdict')).toContainText('Remove')
  await expect(app.getByTestId('explain-reason')).toHaveAttribute('data-reason', 'userunknown')
  await expect(app.getByTestId('explain-hard')).toHaveAttribute('data-hard', 'true')
  const marks = app.locator('[data-testid="explain-evidence"] mark')
  await expect(marks.filter({ hasText: /^550$/ })).toHaveCount(1)
  await expect(marks.filter({ hasText: /^5\.1\.1$/ })).toHaveCount(1)
  // The deciding wording is marked, not the codes: the exact span is the classifier's to choose.
  const deciding = app.locator('[data-testid="explain-evidence"] mark.deciding')
  await expect(deciding).toContainText('User')
  await expect(deciding).toHaveText(classify(userUnknown).evidence[0]?.match ?? '')
  await screenshot(app, 'explain-remove')

  await explain(
    app,
    '554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.10',
  )
  await expect(app.getByTestId('explain-verdict')).toHaveAttribute('data-verdict', 'fix-sending')
  await expect(app.getByTestId('explain-verdict')).toContainText('Fix sending')
  await expect(app.getByTestId('explain-hard')).toHaveAttribute('data-hard', 'false')
  await expect(app.getByTestId('explain-provider')).toContainText('Spamhaus')
  await expect(app.locator('[data-testid="explain-evidence"] mark').filter({ hasText: 'spamhaus' })).not.toHaveCount(0)
})

test('every example chip explains its text at once', async ({ app }) => {
  await app.getByTestId('nav-explain').click()
  await expect(app.getByTestId('explain-card')).toHaveCount(0)
  await screenshot(app, 'explain-empty')

  const chips = app.getByTestId('explain-example')
  await expect(chips).toHaveCount(6)
  for (const chip of await chips.all()) {
    const text = (await chip.getAttribute('title')) ?? ''
    expect(text).not.toBe('')
    await chip.click()
    await expect(chip).toHaveAttribute('aria-pressed', 'true')
    await expect(app.getByTestId('explain-input')).toHaveValue(text)
    await expect(app.getByTestId('explain-evidence')).toHaveText(text)
    await expectCardMatches(app, text, classify(text))
  }

  await app.locator('[data-testid="explain-example"][data-example="spamhaus"]').click()
  await expect(app.getByTestId('explain-verdict')).toHaveAttribute('data-verdict', 'fix-sending')
  await screenshot(app, 'explain')
  await app.getByTestId('explain-why').scrollIntoViewIfNeeded()
  await screenshot(app, 'explain-card-bottom')

  await app.locator('[data-testid="explain-example"][data-example="benutzer-unbekannt"]').click()
  await expect(app.getByTestId('explain-verdict')).toHaveAttribute('data-verdict', 'remove')
  await expect(app.locator('[data-testid="explain-evidence"] mark.deciding')).toContainText('Benutzer unbekannt')
})

test('a wording no rule knows is read by the language layer, shown as a guess with its words', async ({ app }) => {
  await app.getByTestId('nav-explain').click()
  // An ESP dashboard's one-token label: spaced out it is "No Mailbox", which no precise rule names.
  const label = 'NoMailbox'
  const expected = classify(label)
  expect(expected.evidence[0]?.rule).toMatch(/^language:/)
  await explain(app, label)
  await expectCardMatches(app, label, expected)
  await expect(app.getByTestId('explain-language-words')).toHaveText(expected.evidence[0]?.match ?? '')
  await expect(app.getByTestId('explain-card')).toContainText('no rule knows this wording')
  await screenshot(app, 'explain-guess')
})

test('the recipient helps name the provider', async ({ app }) => {
  await app.getByTestId('nav-explain').click()
  const text = '550 5.1.1 <jane.doe@example.com>: Recipient address rejected: User unknown'
  await explain(app, text)
  await expect(app.getByTestId('explain-provider')).toHaveAttribute('data-provider', classify(text).provider ?? '')
  await app.getByTestId('explain-recipient').fill('jane.doe@outlook.com')
  const withContext = classify(text, { email: 'jane.doe@outlook.com' })
  expect(withContext.provider).not.toBeNull()
  await expect(app.getByTestId('explain-provider')).toHaveAttribute('data-provider', withContext.provider ?? '')
  await expect(app.getByTestId('explain-provider')).toContainText('from the recipient’s domain')
})

test('a code in the card opens its entry, and the text is still there on the way back', async ({ app }) => {
  await app.getByTestId('nav-explain').click()
  await app.locator('[data-testid="explain-example"][data-example="dmarc"]').click()
  const link = app.getByTestId('explain-code').filter({ hasText: '5.7.26' })
  await expect(link).toHaveAttribute('href', '#/codes/5.7.26')
  await link.click()
  await expect(app.getByTestId('code-detail')).toHaveAttribute('data-code', '5.7.26')
  await expect(app.getByTestId('nav-codes')).toHaveAttribute('aria-current', 'page')

  await app.getByTestId('nav-explain').click()
  await expect(app.getByTestId('explain-input')).toHaveValue(/5\.7\.26 Unauthenticated email/)
  await expect(app.getByTestId('explain-verdict')).toHaveAttribute('data-verdict', 'fix-sending')

  await app.getByTestId('explain-input').press('Escape')
  await expect(app.getByTestId('explain-input')).toHaveValue('')
  await expect(app.getByTestId('explain-card')).toHaveCount(0)
})

test('a "user unknown" that may be a filter carries its caution in what to do', async ({ app }) => {
  await app.getByTestId('nav-explain').click()
  const text = '550 5.7.1 <jane@example.com>: Recipient address rejected: User unknown'
  await explain(app, text)
  const expected = classify(text)
  expect(expected.action).toMatch(/Caution/)
  await expectCardMatches(app, text, expected)
  await expect(app.getByTestId('explain-card')).toContainText('Caution')
  await screenshot(app, 'explain-caution')
})
