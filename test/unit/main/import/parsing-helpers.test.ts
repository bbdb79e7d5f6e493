import { describe, expect, it } from 'vitest'
import { mapHeader } from '../../../../electron/main/import/headers'
import { sniffDelimiter } from '../../../../electron/main/import/read-records'
import {
  chooseSnapshotDate,
  dateFromFileName,
  listNameFromFileName,
} from '../../../../electron/main/import/snapshot-date'
import { AddressSet, normalizeEmail, parseFlag } from '../../../../electron/main/import/values'

describe('mapHeader', () => {
  it('finds Marketo UI labels and API names in any order and lists the rest', () => {
    const map = mapHeader([
      'Lead Status',
      'emailInvalidCause',
      'Email Address',
      ' Email Invalid ',
      'Id',
      'Score',
      'email',
    ])
    expect(map.columns).toEqual({ emailInvalidCause: 1, email: 2, emailInvalid: 3, marketoId: 4 })
    expect(map.unknownColumns).toEqual(['Lead Status', 'Score'])
    expect(map.repeatedColumns).toEqual(['email'])
  })
})

describe('sniffDelimiter', () => {
  it.each([
    ['Email Address,Email Invalid\n', ','],
    ['Email Address;Email Invalid;Id\n1,2', ';'],
    ['Email Address\tEmail Invalid\n', '\t'],
    ['"Name, full";Email Address;Id\n', ';'],
    ['Email Address\n', ','],
  ])('%j → %j', (text, expected) => {
    expect(sniffDelimiter(text)).toBe(expected)
  })
})

describe('parseFlag', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['yes', true],
    ['false', false],
    ['FALSE', false],
    ['0', false],
    ['', false],
    ['null', false],
    ['maybe', null],
  ])('%j → %j', (raw, expected) => {
    expect(parseFlag(raw)).toBe(expected)
  })
})

describe('normalizeEmail', () => {
  it('lower-cases and trims a plausible address and rejects the rest', () => {
    expect(normalizeEmail('  Ana.Lopez@Example.COM ')).toBe('ana.lopez@example.com')
    expect(normalizeEmail('ana@localhost')).toBeNull()
    expect(normalizeEmail('two words@example.com')).toBeNull()
    expect(normalizeEmail('no-at-sign.example.com')).toBeNull()
  })
})

describe('snapshot dates from file names', () => {
  it.each([
    ['Deliverability 2026-11-13.csv', '2026-11-13'],
    ['deliverability_20261113.csv', '2026-11-13'],
    ['export-2026_11_13-final.csv', '2026-11-13'],
    ['leads-123456789.csv', null],
    ['report 2026-02-30.csv', null],
    ['report.csv', null],
  ])('%j → %j', (name, expected) => {
    expect(dateFromFileName(name)).toBe(expected)
  })

  it('derives a readable list name', () => {
    expect(listNameFromFileName('Deliverability - 2026-11-13.csv')).toBe('Deliverability')
    expect(listNameFromFileName('weekly_bounces_20261113.csv')).toBe('weekly bounces')
    expect(listNameFromFileName('2026-11-13.csv')).toBeNull()
  })

  it('falls back to today when neither name nor file time helps', () => {
    expect(chooseSnapshotDate('export.csv', undefined, undefined, new Date(2026, 10, 27, 9))).toEqual({
      date: '2026-11-27',
      source: 'import-day',
    })
  })
})

describe('AddressSet', () => {
  it('tells a new address from a repeated one across growth', () => {
    const set = new AddressSet()
    for (let i = 0; i < 50_000; i += 1) expect(set.add(`lead${i}@x.example`)).toBe(true)
    for (let i = 0; i < 50_000; i += 7) expect(set.add(`lead${i}@x.example`)).toBe(false)
    expect(set.add('someone.else@x.example')).toBe(true)
  })
})
