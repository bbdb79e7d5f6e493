import { describe, expect, it } from 'vitest'
import {
  checkAddress,
  checkDomain,
  editDistance,
  isDisposableDomain,
  withinEdits,
} from '../../../../electron/main/hygiene/address'

describe('checkAddress: typos', () => {
  it.each([
    ['anna@gmial.com', 'anna@gmail.com'],
    ['bo@hotmal.com', 'bo@hotmail.com'],
    ['kenji@yaho.co.jp', 'kenji@yahoo.co.jp'],
    ['li@outlok.com', 'li@outlook.com'],
  ])('%s → %s', (email, suggested) => {
    const f = checkAddress(email)
    expect(f.flags).toContain('typo')
    expect(f.suggestion).toBe(suggested)
  })

  it('leaves correct webmail and company domains alone', () => {
    for (const e of ['anna@gmail.com', 'kenji@yahoo.co.jp', 'jo@acme.com', 'jo@acme.co.uk']) {
      const f = checkAddress(e)
      expect(f.flags, e).toEqual([])
      expect(f.suggestion, e).toBeNull()
    }
  })

  it('does not call a domain the database sees often a typo, and offers it as a correction', () => {
    expect(checkAddress('x@hotmal.com', { knownDomains: ['hotmal.com'] }).flags).toEqual([])
    const f = checkAddress('x@contso-pharma.com', { knownDomains: ['contoso-pharma.com'] })
    expect(f.suggestion).toBe('x@contoso-pharma.com')
  })
})

describe('checkAddress: registrable domain', () => {
  it('uses the Public Suffix List', () => {
    expect(checkAddress('a@mail.acme.co.uk').registrableDomain).toBe('acme.co.uk')
    expect(checkAddress('a@eu.mail.example.com').registrableDomain).toBe('example.com')
    expect(checkAddress('a@Example.COM').registrableDomain).toBe('example.com')
  })
})

describe('checkAddress: role and disposable', () => {
  it('flags role mailboxes, also with a +tag', () => {
    expect(checkAddress('info@acme.com').flags).toEqual(['role'])
    expect(checkAddress('Sales+eu@acme.com').flags).toEqual(['role'])
    expect(checkAddress('anna.berg@acme.com').flags).toEqual([])
  })
  it('flags throwaway domains', () => {
    expect(checkAddress('x@mailinator.com').flags).toEqual(['disposable'])
    expect(isDisposableDomain('mailinator.com')).toBe(true)
    expect(isDisposableDomain('gmail.com')).toBe(false)
  })
})

describe('checkAddress: malformed', () => {
  it.each([
    ['anna.acme.com', 'no @'],
    ['anna@@acme.com', 'more than one @'],
    ['anna@bo@acme.com', 'more than one @'],
    ['anna berg@acme.com', 'space'],
    [' anna@acme.com', 'space'],
    ['anna@acme', 'no dot'],
    ['@acme.com', 'before the @'],
    ['anna@', 'after the @'],
    ['anna@acme..com', 'misplaced dot'],
    ['', 'empty'],
  ])('%j: %s', (email, why) => {
    const f = checkAddress(email)
    expect(f.flags).toEqual(['malformed'])
    expect(f.registrableDomain).toBeNull()
    expect(f.malformedReason).toContain(why)
  })
})

describe('editDistance', () => {
  it('counts a swapped pair as one edit', () => {
    expect(editDistance('gmial.com', 'gmail.com')).toBe(1)
    expect(editDistance('acme.com', 'me.com')).toBe(2)
    expect(editDistance('', 'abc')).toBe(3)
  })
})

describe('the typo check’s shortcuts', () => {
  it('withinEdits agrees with the full edit distance', () => {
    const words = [
      'gmail.com',
      'gmial.com',
      'gmai.com',
      'gmaill.com',
      'ab',
      'ba',
      'abc',
      'cba',
      '',
      'a',
      'xabx',
      'xbax',
    ]
    for (const a of words) {
      for (const b of words) {
        for (const max of [0, 1, 2, 3])
          expect(withinEdits(a, b, max), `${a} ${b} ${max}`).toBe(editDistance(a, b) <= max)
      }
    }
  })

  it('never calls company domains that differ only in a number typos of each other', () => {
    expect(checkDomain('shop12.com', { knownDomains: ['shop13.com'] }).flags).toEqual([])
    expect(checkDomain('contso-pharma.com', { knownDomains: ['contoso-pharma.com'] }).suggestedDomain).toBe(
      'contoso-pharma.com',
    )
  })

  it('judges a domain alone: registrable domain, typo, throwaway, malformed', () => {
    expect(checkDomain('mail.acme.co.uk')).toEqual({
      registrableDomain: 'acme.co.uk',
      flags: [],
      suggestedDomain: null,
      malformedReason: null,
    })
    expect(checkDomain('gmial.com').suggestedDomain).toBe('gmail.com')
    expect(checkDomain('mailinator.com').flags).toEqual(['disposable'])
    expect(checkDomain('192.168.10.20').flags).toEqual(['malformed'])
  })
})
