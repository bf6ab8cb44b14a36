import { ReviewRow } from '@stewardship/backstage-plugin-stewardship-common';
import {
  backlogText,
  ceilingText,
  costPercent,
  ownershipGapKinds,
  ownershipGaps,
  percent,
} from './reviewFormat';

describe('ownershipGaps', () => {
  it('names each gap: a status, or an unconfirmed ok role', () => {
    const row = {
      ownershipGaps: [
        { role: 'product', status: 'missing' },
        { role: 'business', status: 'ok', attestation: 'none' },
        { role: 'engineering', status: 'ok', attestation: 'stale' },
      ],
    } as unknown as ReviewRow;
    expect(ownershipGaps(row)).toBe(
      'product missing, business not confirmed, engineering confirmation expired',
    );
    expect(ownershipGaps({ ownershipGaps: [] } as unknown as ReviewRow)).toBe(
      'none',
    );
    expect(ownershipGaps({} as ReviewRow)).toBe('not evaluated');
  });
});

describe('ownershipGapKinds', () => {
  it("counts every row's gaps by kind, the catalog's problems before the confirmations", () => {
    const rows = [
      {
        ownershipGaps: [
          { role: 'business', status: 'ok', attestation: 'none' },
          { role: 'product', status: 'ok', attestation: 'none' },
          { role: 'engineering', status: 'unresolved' },
        ],
      },
      { ownershipGaps: [] },
      {},
      {
        ownershipGaps: [
          { role: 'business', status: 'ok', attestation: 'none' },
          { role: 'product', status: 'ok', attestation: 'stale' },
          { role: 'engineering', status: 'missing' },
        ],
      },
    ] as unknown as ReviewRow[];
    // 3 unconfirmed roles (none), 1 expired, then unresolved and missing once each.
    expect(ownershipGapKinds(rows)).toBe(
      '1 unresolved, 1 missing, 3 not confirmed, 1 confirmation expired',
    );
    expect(
      ownershipGapKinds([{ ownershipGaps: [] } as unknown as ReviewRow]),
    ).toBe('');
  });
});

describe('backlogText', () => {
  const row = (backlog: ReviewRow['backlog']) => ({ backlog } as ReviewRow);
  it('says how many items the figures cover: the top N, all of a shorter backlog, or none', () => {
    const stored = { status: 'stored', topN: 20 } as const;
    expect(
      backlogText(
        row({
          ...stored,
          topCount: 20,
          averageAgeDays: 45.25,
          reliabilityShare: 0.25,
        }),
      ),
    ).toBe('top 20: average 45.3 d, reliability 25 %');
    // 5 items ranked, 2 of them reliability work: 2 / 5 = 40 %.
    expect(
      backlogText(
        row({
          ...stored,
          topCount: 5,
          averageAgeDays: 57,
          reliabilityShare: 2 / 5,
        }),
      ),
    ).toBe('all 5 open: average 57.0 d, reliability 40 %');
    expect(backlogText(row({ ...stored, topCount: 0 }))).toBe('no open items');
    expect(backlogText(row({ status: 'not-read-yet' }))).toBe('not read yet');
  });
});

describe('costPercent', () => {
  it('writes a budget cost with one decimal, a small non-zero one as under 0.1 %', () => {
    expect(costPercent(42.25)).toBe('42.3 %');
    expect(costPercent(0.05)).toBe('0.1 %');
    // 3 bad requests of 20,000 allowed: 0.015 % is a cost, not nothing.
    expect(costPercent((3 / 20_000) * 100)).toBe('< 0.1 %');
    expect(costPercent(0)).toBe('0 %');
    expect(costPercent(undefined)).toBe('—');
  });
});

describe('percent', () => {
  it.each([
    // Two decimals as a rule: 99.95 %, −12.5 % (a hyphen-minus, as in the CSV and Markdown).
    [0.9995, '99.95 %'],
    [-0.125, '-12.5 %'],
    [1, '100 %'],
    [0, '0 %'],
    // Objectives of 99.995 % and 99.999 %, an attainment of 99.996 %: 100.00 to two decimals.
    [0.99995, '99.995 %'],
    [0.99999, '99.999 %'],
    [0.99996, '99.996 %'],
    // A budget overspent by 0.004 % (next to "Missed"): −0.00 to two decimals.
    [-0.00004, '-0.004 %'],
    [undefined, '—'],
  ])('%p → %p, never 100 % or 0 % unless exactly', (fraction, expected) => {
    expect(percent(fraction)).toBe(expected);
  });

  it('writes a dependency ceiling of 99.9999 % as such, not 100 %', () => {
    const row = {
      dependencyCeiling: 0.999999,
      aboveDependencyCeiling: ['Availability'],
    } as unknown as ReviewRow;
    expect(ceilingText(row)).toBe('above ceiling 99.9999 %: Availability');
  });
});
