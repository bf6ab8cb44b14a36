/*
 * An evaluation records how many of the SLO's corrections cut time from its window
 * (`excludedCorrections`), so a view of it (the SLOs tab as of a past moment) can say what its
 * figures left out whatever the corrections are today. The source is a stub: only the window
 * arithmetic is under test here (the counting itself is in SloEvaluator.prometheus.test).
 */
import {
  SloCorrection,
  SloDefinition,
} from '@stewardship/backstage-plugin-stewardship-common';
import { MetricSource } from '@stewardship/backstage-plugin-stewardship-node';
import { apiSloDefinition } from '../__testUtils__/sloSpecs';
import { SloEvaluator } from './SloEvaluator';

// A rolling 30 d window ending here: (21 Oct 12:00Z, 20 Nov 12:00Z].
const at = new Date('2026-11-20T12:00:00Z');

/** Every window: 1000 events, all good. */
const stub: MetricSource = {
  countEvents: async ({ windows }) => ({
    counts: Object.fromEntries(
      windows.map(w => [w.key, { good: 1000, total: 1000 }]),
    ),
    issuedQueries: [],
  }),
  countEventsPerSlice: async () => ({ slices: [], issuedQueries: [] }),
};

const evaluator = new SloEvaluator(new Map([['prom', stub]]), {
  queryTimeoutMs: 1000,
});

const correction = (
  id: string,
  times: Pick<SloCorrection, 'once' | 'weekly'>,
): SloCorrection => ({
  id,
  author: 'user:default/jane',
  createdAt: '2026-09-01T00:00:00.000Z',
  reason: id,
  ...times,
});

const corrections: SloCorrection[] = [
  // Inside the window.
  correction('inside', {
    once: { start: '2026-11-01T00:00:00Z', end: '2026-11-01T02:00:00Z' },
  }),
  // A month before the window: excluded nothing from it.
  correction('before', {
    once: { start: '2026-09-01T00:00:00Z', end: '2026-09-01T01:00:00Z' },
  }),
  // Ends exactly at the window's start, which the window does not hold: nothing either.
  correction('touching', {
    once: { start: '2026-10-21T10:00:00Z', end: '2026-10-21T12:00:00Z' },
  }),
  // Every Sunday 02:00–04:00 Berlin: four Sundays fall in the window.
  correction('weekly', {
    weekly: {
      days: ['sun'],
      from: '02:00',
      to: '04:00',
      timeZone: 'Europe/Berlin',
    },
  }),
];

describe('SloEvaluator: the corrections an evaluation excluded', () => {
  const slo: SloDefinition = { ...apiSloDefinition('prom'), corrections };

  it('counts the corrections that cut the window, not every one', async () => {
    const result = await evaluator.evaluate(slo, at);
    // 'inside' and 'weekly'; 'before' and 'touching' hold no time of (21 Oct 12:00, 20 Nov 12:00].
    expect(result.excludedCorrections).toBe(2);
    // Excluded, by hand (Berlin is UTC+2 until 25 Oct 03:00, UTC+1 after): 25 Oct 00:00–03:00 UTC
    // (the night clocks go back, 3 h), 1 Nov 01:00–03:00 merged with 'inside' 00:00–02:00 into
    // 00:00–03:00 (3 h), 8 and 15 Nov 01:00–03:00 (2 h each): 10 h of the 720 h window.
    expect(result.explanation.formulas).toContain(
      'Counted time: 710 h of the 720 h SLO window (2 corrections excluded); events outside it are not counted and burn no budget.',
    );
  });

  it('writes the counted hours to two decimals', async () => {
    // One correction of 15 minutes inside the window: 720 h − 0.25 h = 719.75 h counted.
    const result = await evaluator.evaluate(
      {
        ...slo,
        corrections: [
          correction('quarter hour', {
            once: {
              start: '2026-11-01T00:00:00Z',
              end: '2026-11-01T00:15:00Z',
            },
          }),
        ],
      },
      at,
    );
    expect(result.explanation.formulas).toContain(
      'Counted time: 719.75 h of the 720 h SLO window (1 correction excluded); events outside it are not counted and burn no budget.',
    );
  });

  it('records 0 when the SLO has corrections but none in the window', async () => {
    const result = await evaluator.evaluate(
      { ...slo, corrections: [corrections[1], corrections[2]] },
      at,
    );
    expect(result.excludedCorrections).toBe(0);
  });

  it('records it for an evaluation without data too', async () => {
    const result = await evaluator.evaluate(
      { ...slo, metricSource: 'elsewhere' },
      at,
    );
    expect(result.noDataReason).toBe('unknown-source');
    expect(result.excludedCorrections).toBe(2);
  });

  it('says a window wholly excluded is excluded, not a service without traffic', async () => {
    // (21 Oct 12:00, 20 Nov 12:00] lies inside the correction: nothing of it is asked or counted.
    const result = await evaluator.evaluate(
      {
        ...slo,
        corrections: [
          correction('migration', {
            once: {
              start: '2026-10-01T00:00:00Z',
              end: '2026-12-01T00:00:00Z',
            },
          }),
        ],
      },
      at,
    );
    expect(result).toMatchObject({
      status: 'no-data',
      noDataReason: 'excluded',
      reason:
        'corrections exclude the whole SLO window, so there is nothing to judge until counted time enters it (when a correction ends, or is deleted)',
      counts: { good: 0, total: 0 },
      excludedCorrections: 1,
    });
  });

  it('leaves it out for an SLO without corrections', async () => {
    const result = await evaluator.evaluate(apiSloDefinition('prom'), at);
    expect(result).not.toHaveProperty('excludedCorrections');
  });
});
