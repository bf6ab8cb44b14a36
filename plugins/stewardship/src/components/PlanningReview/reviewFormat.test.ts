import {
  ReviewRow,
  ReviewSlo,
} from '@stewardship/backstage-plugin-stewardship-common';
import {
  attainmentText,
  backlogText,
  burn,
  ceilingText,
  costPercent,
  days,
  duration,
  hasBacklogTab,
  noSlosReason,
  objectivesText,
  uncountedCostsNote,
  ownershipGapCounts,
  ownershipGaps,
  ownershipSummaryText,
  percent,
  releaseGateText,
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

describe('ownershipGapCounts', () => {
  const rows = [
    {
      ownershipGaps: [
        { role: 'business', status: 'ok', attestation: 'none' },
        { role: 'product', status: 'ok', attestation: 'none' },
        { role: 'engineering', status: 'invalid' },
      ],
    },
    { ownershipGaps: [] },
    {},
    // Only unconfirmed roles: no gap, as the scorecard counts it compliant.
    {
      ownershipGaps: [
        { role: 'business', status: 'ok', attestation: 'none' },
        { role: 'product', status: 'ok', attestation: 'stale' },
      ],
    },
    {
      ownershipGaps: [
        { role: 'product', status: 'orphaned' },
        { role: 'engineering', status: 'invalid' },
      ],
    },
    {
      ownershipGaps: [{ role: 'business', status: 'ok', attestation: 'none' }],
    },
  ] as unknown as ReviewRow[];

  it("counts the catalog's gaps apart from the unconfirmed roles, as the scorecard does", () => {
    // Gaps: invalid (row 1), orphaned and invalid (row 5): 3 in 2 entities. Unconfirmed: 2 + 2 + 1.
    expect(ownershipGapCounts(rows)).toEqual({
      gaps: 3,
      entitiesWithGaps: 2,
      gapKinds: '2 invalid, 1 orphaned',
      unconfirmed: 5,
      expired: 1,
    });
    expect(ownershipSummaryText(rows)).toBe(
      '3 gaps in 2 of 6 entities (2 invalid, 1 orphaned); 5 roles not confirmed (1 confirmation expired)',
    );
  });

  it('leaves out what there is none of', () => {
    expect(ownershipSummaryText([rows[1], rows[2]])).toBe(
      '0 gaps in 0 of 2 entities',
    );
    expect(ownershipSummaryText([rows[5]])).toBe(
      '0 gaps in 0 of 1 entities; 1 role not confirmed',
    );
  });
});

describe('objectivesText', () => {
  const slo = (statusAtEnd?: ReviewSlo['statusAtEnd']) =>
    ({ statusAtEnd } as ReviewSlo);
  it("gives the verdict with its SLOs' worst status at the end, when one has a status", () => {
    // Met while an SLO is at risk: budget left, burning fast.
    expect(
      objectivesText({
        entityRef: 'component:default/a',
        objectives: 'met',
        slos: [slo('healthy'), slo('at-risk'), slo()],
      }),
    ).toBe('Met (at the end: at-risk)');
    expect(
      objectivesText({
        entityRef: 'component:default/a',
        objectives: 'missed',
        slos: [slo('at-risk'), slo('exhausted')],
      }),
    ).toBe('Missed (at the end: exhausted)');
    expect(
      objectivesText({
        entityRef: 'component:default/a',
        objectives: 'no-data',
        slos: [slo()],
      }),
    ).toBe('No data');
    expect(
      objectivesText({
        entityRef: 'api:default/a',
        objectives: 'no-slos',
        slos: [],
      }),
    ).toBe('No SLOs');
  });
});

describe('attainmentText', () => {
  it('says what the attainment is a share of', () => {
    expect(attainmentText({ attainment: 1, evaluatedSnapshots: 122 })).toBe(
      '100 % of 122 evaluations',
    );
    expect(attainmentText({ attainment: 0, evaluatedSnapshots: 1 })).toBe(
      '0 % of 1 evaluation',
    );
    expect(attainmentText({ evaluatedSnapshots: 0 })).toBe('no data');
  });
});

describe('uncountedCostsNote', () => {
  const rows = (...waiting: number[]) =>
    waiting.map(
      // `open` apart: an incident open at the period's end may have its cost by now.
      n => ({ incidents: { open: 5, withoutStoredCost: n } } as ReviewRow),
    );
  it('says how many incidents of the period have no stored cost yet, not how many were open at its end', () => {
    expect(uncountedCostsNote(rows(1, 0, 2))).toBe(
      'Budget costs are counted once an incident is resolved: 3 incidents of the period have no cost yet.',
    );
    expect(uncountedCostsNote(rows(0, 1))).toBe(
      'Budget costs are counted once an incident is resolved: 1 incident of the period has no cost yet.',
    );
    expect(uncountedCostsNote(rows(0))).toBe(
      'Budget costs are counted once an incident is resolved.',
    );
  });
});

describe('backlogText', () => {
  const row = (backlog: ReviewRow['backlog']) =>
    ({ entityRef: 'component:default/a', backlog } as ReviewRow);
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
      // 45.25 meets the target (below 90): rounded down, as the Backlog tab writes it.
    ).toBe('top 20: average 45.2 d, reliability 25 %');
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
    // Read only when someone opens the Backlog tab: say so, so the planner can.
    expect(backlogText(row({ status: 'not-read-yet' }))).toBe(
      'not read yet: open its Backlog tab',
    );
  });
});

describe('costPercent', () => {
  it.each([
    // As the SLOs tab writes the same cost (formatBudgetCost): two decimals, 42.25 %.
    [42.25, '42.25 %'],
    [0.05, '0.05 %'],
    // 3 bad requests of 20,000 allowed: 0.015 %, to two decimals 0.01 % (0.015 is a hair
    // under it in binary), a cost, not nothing.
    [(3 / 20_000) * 100, '0.01 %'],
    // 1 of 25,000 allowed: 0.004 % is "0.00" to two decimals: three, as on the SLOs tab.
    [0.004, '0.004 %'],
    // 99.96 % is "100.0" to one decimal, and 99.996 % "100.00" to two: never 100 %.
    [99.96, '99.96 %'],
    [99.996, '99.996 %'],
    [0, '0 %'],
    [undefined, '—'],
  ])('%p → %p', (value, expected) => {
    expect(costPercent(value)).toBe(expected);
  });
});

describe('burn', () => {
  it.each([
    // As the SLOs tab and the details view write a burn rate: three significant digits, with ×.
    [14.4, '14.4×'],
    [2, '2×'],
    // 14.456 to three significant digits: 14.5.
    [14.456, '14.5×'],
    [1234.567, '1,230×'],
    // Not 0, never 0×: 0.004 has one significant digit to show.
    [0.004, '0.004×'],
    [0.0172, '0.0172×'],
    [0.0012, '0.0012×'],
    [0, '0×'],
    [undefined, '—'],
  ])('%p → %p', (rate, expected) => {
    expect(burn(rate)).toBe(expected);
  });
});

describe('duration (median MTTA / MTTR)', () => {
  it.each([
    [undefined, '—'],
    [0, '0 s'],
    // Under half a second but not 0: never 0 s.
    [0.4, '< 1 s'],
    [2, '2 s'],
    [45, '45 s'],
    // 59.4 s rounds to 59 s; 59.5 s to 60 s, which is a minute: 59.5 ÷ 60 = 0.99 → 1 min.
    [59.4, '59 s'],
    [59.5, '1 min'],
    // 90 s = 1.5 min; 23 min = 1,380 s.
    [90, '1.5 min'],
    [23 * 60, '23 min'],
    // 3,590 s = 59.83 min → 59.8 min; 3,597 s = 59.95 min → 60.0 min, which is an hour:
    // 3,597 ÷ 3,600 = 0.999 → 1 h.
    [3590, '59.8 min'],
    [3597, '1 h'],
    [3600, '1 h'],
    // 5,400 s = 1.5 h; 26 h 15 min = 94,500 s = 26.25 h → 26.3 h.
    [5400, '1.5 h'],
    [94_500, '26.3 h'],
  ])('%p s → %p', (seconds, expected) => {
    expect(duration(seconds)).toBe(expected);
  });
});

describe('backlogText after a failed read', () => {
  const row = (
    backlog: ReviewRow['backlog'],
    entityRef = 'component:default/a',
  ) => ({ entityRef, backlog } as ReviewRow);
  const failed = {
    // 10:00:59 → 10:00 UTC (to the minute, cut).
    at: '2026-12-05T10:00:59.000Z',
    providers: [
      { provider: 'jira', title: 'Jira', kind: 'unreachable' as const },
      { provider: 'tickets', title: 'Tickets' },
    ],
  };

  it('says the last read failed, when and which tracker, instead of asking to open the Backlog tab again', () => {
    expect(
      backlogText(row({ status: 'not-read-yet', lastReadFailed: failed })),
    ).toBe(
      'not read: the last read failed at 2026-12-05 10:00 UTC (Jira: unreachable; Tickets: failed)',
    );
    // A domain whose read failed had the tab: it says the failure, not "names a tracker".
    const domain = row(
      { status: 'not-read-yet', lastReadFailed: failed },
      'domain:default/x',
    );
    expect(hasBacklogTab(domain)).toBe(true);
    expect(backlogText(domain)).toMatch(/^not read: the last read failed/);
  });

  it('after stored figures, says they are from an earlier read', () => {
    expect(
      backlogText(
        row({
          status: 'stored',
          at: '2026-12-01T08:30:00.000Z',
          topN: 20,
          topCount: 0,
          lastReadFailed: {
            at: '2026-12-05T10:00:00.000Z',
            providers: [
              { provider: 'github', title: 'GitHub', kind: 'rate-limited' },
            ],
          },
        }),
      ),
    ).toBe(
      'no open items; the last read failed at 2026-12-05 10:00 UTC (GitHub: rate-limited), so these are from 2026-12-01 08:30 UTC',
    );
  });
});

describe('days (the backlog average age)', () => {
  it.each([
    // The Backlog tab's rule (averageAgeDigits): 89.96 meets the target (below 90), rounded down
    // to 89.9, not to the nearest 90.0, which would read as missing it.
    [89.96, '89.9 d'],
    [89.99, '89.9 d'],
    // 90 and 90.04 miss it: the nearest tenth, 90.0.
    [90, '90.0 d'],
    [90.04, '90.0 d'],
    [90.06, '90.1 d'],
    [undefined, '—'],
  ])('%p → %p', (value, expected) => {
    expect(days(value)).toBe(expected);
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
      entityRef: 'component:default/a',
      slos: [],
      dependencyCeiling: 0.999999,
      aboveDependencyCeiling: ['Availability'],
    } as unknown as ReviewRow;
    expect(ceilingText(row)).toBe('above ceiling 99.9999 %: Availability');
  });
});

describe('rows of kinds that cannot have SLOs', () => {
  const row = (entityRef: string, fields: Partial<ReviewRow> = {}) =>
    ({
      entityRef,
      slos: [],
      objectives: 'no-slos',
      backlog: { status: 'not-read-yet' },
      aboveDependencyCeiling: [],
      releaseGate: 'allow',
      ...fields,
    } as ReviewRow);

  // As the backend sends them: `not-applicable` and no gate for a kind that cannot have SLOs.
  const notApplicable = (entityRef: string) =>
    ({
      ...row(entityRef, { objectives: 'not-applicable' }),
      releaseGate: undefined,
    } as ReviewRow);

  it.each([
    ['domain:default/platform', 'a domain has no SLOs'],
    ['resource:default/bucket', 'a resource has no SLOs'],
    ['Group:default/sre', 'a group has no SLOs'],
    // A kind of an organisation's own, with its article.
    ['application:default/x', 'an application has no SLOs'],
  ])('%s: %p', (ref, reason) => {
    const cell = `— (${reason})`;
    expect(noSlosReason(notApplicable(ref))).toBe(reason);
    expect(objectivesText(notApplicable(ref))).toBe(cell);
    expect(ceilingText(notApplicable(ref))).toBe(cell);
    expect(releaseGateText(notApplicable(ref))).toBe(cell);
  });

  it.each(['component:default/x', 'API:default/x', 'system:default/x'])(
    "%s without SLOs: the gap and the policy's gate for no SLOs",
    ref => {
      expect(noSlosReason(row(ref))).toBeUndefined();
      expect(objectivesText(row(ref))).toBe('No SLOs');
      expect(ceilingText(row(ref))).toBe('ok');
      expect(releaseGateText(row(ref))).toBe('allow');
    },
  );

  it('shows the figures of SLOs stored anyway on such a kind', () => {
    const slo = { statusAtEnd: 'exhausted' } as ReviewSlo;
    const domain = row('domain:default/platform', {
      slos: [slo],
      objectives: 'missed',
      releaseGate: 'block',
    });
    expect(noSlosReason(domain)).toBeUndefined();
    expect(objectivesText(domain)).toBe('Missed (at the end: exhausted)');
    expect(releaseGateText(domain)).toBe('block');
  });

  it('has a Backlog tab for its kind, or when a tracker was read for it', () => {
    const stored = { status: 'stored', topN: 20, topCount: 0 } as const;
    expect(hasBacklogTab(row('component:default/x'))).toBe(true);
    expect(hasBacklogTab(row('system:default/x'))).toBe(true);
    expect(hasBacklogTab(row('domain:default/x'))).toBe(false);
    expect(hasBacklogTab(row('domain:default/x', { backlog: stored }))).toBe(
      true,
    );
    expect(backlogText(row('domain:default/x'))).toBe(
      'not read (a domain has a Backlog tab only when it names a tracker)',
    );
    expect(backlogText(row('domain:default/x', { backlog: stored }))).toBe(
      'no open items',
    );
  });
});
