import {
  Incident,
  IncidentBudgetImpact,
} from '@stewardship/backstage-plugin-stewardship-common';
import {
  actionItemDueText,
  budgetImpactText,
  formatBudgetCost,
  formatIncidentDuration,
  incidentDurationText,
  localDay,
  sortIncidents,
} from './describeIncident';

describe('formatIncidentDuration', () => {
  it.each([
    [0, '0 seconds'],
    [1, '1 second'],
    [59.4, '59 seconds'],
    // 59.6 s rounds to 60 s: a minute.
    [59.6, '1 minute'],
    [150, '3 minutes'], // 2.5 min rounds up
    [149, '2 minutes'],
    [3599, '1 hour'], // 59.98 min rounds to 60
    [3600 + 35 * 60, '1 hour 35 minutes'],
    [2 * 3600, '2 hours'],
    [23 * 3600 + 59 * 60 + 40, '1 day'], // 1440 min rounds to 24 h
    [2 * 86400 + 4 * 3600 + 20 * 60, '2 days 4 hours'],
    [86400 + 29 * 60, '1 day'],
    [-5, '0 seconds'],
  ])('%d s reads as %s', (seconds, text) => {
    expect(formatIncidentDuration(seconds)).toBe(text);
  });
});

const base: Incident = {
  id: 'a',
  version: 1,
  entityRef: 'component:default/x',
  affectedEntityRefs: [],
  title: 'x',
  severity: 'SEV2',
  status: 'resolved',
  statusChangedAt: '2026-11-01T00:00:00Z',
  detectedAt: '2026-11-01T10:05:00Z',
  affectedSloIds: [],
  fireDrill: false,
  source: 'manual',
  createdAt: '2026-11-01T10:05:00Z',
  updatedAt: '2026-11-01T10:05:00Z',
};

describe('incidentDurationText', () => {
  it('measures a resolved incident from its start to its resolution', () => {
    expect(
      incidentDurationText(
        {
          ...base,
          startedAt: '2026-11-01T10:00:00Z',
          resolvedAt: '2026-11-01T11:35:00Z',
        },
        new Date('2026-11-30T00:00:00Z'),
      ),
    ).toBe('lasted 1 hour 35 minutes');
  });

  it('measures an open incident from its detection (no start known) to now', () => {
    expect(
      incidentDurationText(
        { ...base, status: 'acknowledged' },
        new Date('2026-11-01T13:05:00Z'),
      ),
    ).toBe('open for 3 hours');
  });
});

describe('sortIncidents', () => {
  it('puts open incidents first, then the newest detected', () => {
    const sorted = sortIncidents([
      { ...base, id: 'old-resolved', detectedAt: '2026-10-01T00:00:00Z' },
      { ...base, id: 'new-resolved', detectedAt: '2026-11-20T00:00:00Z' },
      {
        ...base,
        id: 'old-open',
        status: 'triggered',
        detectedAt: '2026-09-01T00:00:00Z',
      },
    ]);
    expect(sorted.map(i => i.id)).toEqual([
      'old-open',
      'new-resolved',
      'old-resolved',
    ]);
  });

  it('as of a past moment, sorts an incident resolved since among the open ones, and keeps it as recorded now', () => {
    const resolvedLater = {
      ...base,
      id: 'resolved-later',
      detectedAt: '2026-10-01T00:00:00Z',
      resolvedAt: '2026-10-03T00:00:00Z',
    };
    const resolvedBefore = {
      ...base,
      id: 'resolved-before',
      detectedAt: '2026-10-02T00:00:00Z',
      resolvedAt: '2026-10-02T01:00:00Z',
    };
    const sorted = sortIncidents(
      [resolvedBefore, resolvedLater],
      new Date('2026-10-02T12:00:00Z'),
    );
    expect(sorted.map(i => i.id)).toEqual([
      'resolved-later',
      'resolved-before',
    ]);
    expect(sorted[0]).toBe(resolvedLater);
  });
});

describe('actionItemDueText', () => {
  it('says an open item past its date is overdue, and by how many days', () => {
    expect(
      actionItemDueText(
        { dueDate: '2026-11-27', status: 'open' },
        '2026-11-30',
      ),
    ).toBe('due 2026-11-27, overdue by 3 days');
  });

  it('writes a count of days past a thousand with its separators', () => {
    // From 0000-01-01 to 2026-12-06 (proleptic Gregorian): 2026 years of 365 days, plus the leap
    // days of years 0 to 2025 (507 divisible by 4, less 21 by 100, plus 6 by 400: 492), plus the
    // 339 days from 1 January to 6 December 2026 (31+28+31+30+31+30+31+31+30+31+30 = 334, + 5).
    const days = 2026 * 365 + (507 - 21 + 6) + 334 + 5;
    expect(days).toBe(740_321);
    expect(
      actionItemDueText(
        { dueDate: '0000-01-01', status: 'open' },
        '2026-12-06',
      ),
    ).toBe('due 0000-01-01, overdue by 740,321 days');
  });

  it('does not call a done item or one due today overdue', () => {
    expect(
      actionItemDueText(
        { dueDate: '2026-11-27', status: 'done' },
        '2026-11-30',
      ),
    ).toBe('due 2026-11-27');
    expect(
      actionItemDueText(
        { dueDate: '2026-11-30', status: 'open' },
        '2026-11-30',
      ),
    ).toBe('due 2026-11-30');
    expect(actionItemDueText({ status: 'open' }, '2026-11-30')).toBe(
      'no due date',
    );
  });
});

describe('localDay', () => {
  it('is the day on the local calendar, as a date input names it, not the UTC day', () => {
    // 21:30 on 1 December in St. John's (scripts/test.sh's zone), 2 December in UTC.
    const instant = new Date('2026-12-02T01:00:00.000Z');
    const local = new Intl.DateTimeFormat('sv-SE', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(instant);
    expect(localDay(instant)).toBe(local);
  });
});

describe('budgetImpactText', () => {
  const impact = {
    sloId: 's',
    incidentWindow: { start: '', end: '' },
    computedAt: '',
  };
  // 30 bad of (1 − 0.999) × 240000 = 240 allowed: 30 ÷ 240 = 12.5 %.
  const computed: IncidentBudgetImpact = {
    ...impact,
    status: 'computed',
    badEvents: 30,
    allowedBadEvents: 240,
    consumedPercent: (30 / 240) * 100,
    stored: false,
  };
  const resolved: Incident = {
    ...base,
    status: 'resolved',
    resolvedAt: '2026-11-01T11:00:00Z',
    affectedSloIds: ['s'],
  };
  const open: Incident = {
    ...base,
    status: 'acknowledged',
    acknowledgedAt: '2026-11-01T10:10:00Z',
    affectedSloIds: ['s'],
  };

  it('gives the stored share of a resolved incident to two decimals', () => {
    const stored = { ...computed, stored: true };
    expect(
      budgetImpactText(stored, { ...resolved, budgetImpact: [stored] }),
    ).toBe('12.5 % of the error budget');
  });

  it('never writes a cost that is not 0 % or 100 % as one', () => {
    // 1 bad request of 25,000 allowed: 0.004 %, "0.00" to two decimals.
    const small = { ...computed, stored: true, consumedPercent: 0.004 };
    expect(
      budgetImpactText(small, { ...resolved, budgetImpact: [small] }),
    ).toBe('0.004 % of the error budget');
  });

  it('says a figure of an open incident is so far, and why there is none', () => {
    // 100 ÷ 3 = 33.333… % reads 33.33 %.
    const third = { ...computed, consumedPercent: 100 / 3 };
    expect(budgetImpactText(third, { ...open, budgetImpact: [third] })).toBe(
      '33.33 % of the error budget so far (still open)',
    );
    const none: IncidentBudgetImpact = {
      ...impact,
      status: 'no-data',
      reason: 'no events in the SLO window, so no budget to spend',
      stored: false,
    };
    expect(budgetImpactText(none, { ...open, budgetImpact: [none] })).toBe(
      'no figure: no events in the SLO window, so no budget to spend',
    );
  });

  it('does not call a resolved incident still open when another SLO had no data, so nothing was stored', () => {
    // Two SLOs; the second's metric source was down, so the backend stored neither figure.
    const down: IncidentBudgetImpact = {
      ...impact,
      sloId: 't',
      status: 'no-data',
      reason: 'metric source "prom-eu" failed: connect ECONNREFUSED',
      stored: false,
    };
    const incident = {
      ...resolved,
      affectedSloIds: ['s', 't'],
      budgetImpact: [computed, down],
    };
    expect(budgetImpactText(computed, incident)).toBe(
      '12.5 % of the error budget (computed for this read; stored once every affected SLO has a figure)',
    );
  });

  describe('as of a past moment', () => {
    // Detected 2026-11-01 10:05, resolved 11:00; shown as of 10:30, while it was open.
    const duringIt = new Date('2026-11-01T10:30:00Z');
    const stored = { ...computed, stored: true };
    // Read with ?at=: the incident counted up to the moment shown. 5 bad of 240: 2.083… %.
    const upToIt: IncidentBudgetImpact = {
      ...computed,
      badEvents: 5,
      consumedPercent: (5 / 240) * 100,
      incidentWindow: {
        start: '2026-11-01T10:05:00.000Z',
        end: '2026-11-01T10:30:00.000Z',
      },
    };

    it('says a figure read up to that moment is that, for an incident open then', () => {
      expect(
        budgetImpactText(upToIt, { ...open, budgetImpact: [upToIt] }, duringIt),
      ).toBe(
        '2.08 % of the error budget up to the moment shown (open then; still open)',
      );
      expect(
        budgetImpactText(
          upToIt,
          { ...resolved, budgetImpact: [upToIt] },
          duringIt,
        ),
      ).toBe(
        '2.08 % of the error budget up to the moment shown (open then; resolved later)',
      );
      // A figure up to another moment is not called one up to the moment shown.
      expect(
        budgetImpactText(
          upToIt,
          { ...open, budgetImpact: [upToIt] },
          new Date('2026-11-01T10:31:00Z'),
        ),
      ).toMatch(/as of now \(still open; not its cost at the moment shown\)$/);
    });

    it('never calls the figure of an incident still open "so far (still open)" there, but says it is as of now', () => {
      expect(
        budgetImpactText(
          computed,
          { ...open, budgetImpact: [computed] },
          duringIt,
        ),
      ).toBe(
        '12.5 % of the error budget over the whole incident so far, as of now (still open; not its cost at the moment shown)',
      );
    });

    it('says the figure of an incident resolved after that moment is its total', () => {
      expect(
        budgetImpactText(
          stored,
          { ...resolved, budgetImpact: [stored] },
          duringIt,
        ),
      ).toBe(
        '12.5 % of the error budget over the whole incident, in total (resolved after the moment shown)',
      );
      expect(
        budgetImpactText(
          computed,
          { ...resolved, budgetImpact: [computed] },
          duringIt,
        ),
      ).toBe(
        '12.5 % of the error budget over the whole incident, in total (resolved after the moment shown; computed for this read, not stored yet)',
      );
    });

    it('gives an incident already resolved at that moment its figure as it is', () => {
      expect(
        budgetImpactText(
          stored,
          { ...resolved, budgetImpact: [stored] },
          new Date('2026-11-01T11:00:00Z'),
        ),
      ).toBe('12.5 % of the error budget');
    });
  });

  it('says a resolved incident whose every figure is there but not stored yet is computed for this read', () => {
    // E.g. the incident changed while the figures were computed: the next read stores them.
    expect(
      budgetImpactText(computed, { ...resolved, budgetImpact: [computed] }),
    ).toBe(
      '12.5 % of the error budget (computed for this read, not stored yet)',
    );
  });
});

describe('formatBudgetCost: the one rule of the SLOs tab and the planning review', () => {
  it.each([
    // Two decimals as a rule: 30 ÷ 240 = 12.5 %, 100 ÷ 3 = 33.333… % → 33.33 %.
    [12.5, '12.5 %'],
    [100 / 3, '33.33 %'],
    [42.25, '42.25 %'],
    // 0.004 % is "0.00" to two decimals, 0.0004 % "0.000" to three: more decimals, not 0 %.
    [0.004, '0.004 %'],
    [0.0004, '0.0004 %'],
    // 99.996 % is "100.00" to two decimals: 99.996 %, not 100 %.
    [99.996, '99.996 %'],
    // 99.96 % reads as it is at two decimals.
    [99.96, '99.96 %'],
    [0, '0 %'],
    [100, '100 %'],
    // An incident may cost more than the whole budget: 250 %, 1,234.5 % (thousands separated).
    [250, '250 %'],
    [1234.5, '1,234.5 %'],
  ])('%p → %p', (consumedPercent, expected) => {
    expect(formatBudgetCost(consumedPercent)).toBe(expected);
  });
});
