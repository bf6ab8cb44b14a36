/*
 * Putting the counts of a window's counted intervals back together, worked out by hand: a window
 * cut by corrections is asked of the source interval by interval, and summed back per query.
 */
import { planCountWindows } from './countedWindows';

const t = (hhmm: string) => new Date(`2026-11-25T${hhmm}:00Z`);

describe('planCountWindows', () => {
  // The SLO window (00:00, 12:00] less 04:00–06:00 and 10:30–12:00: (00:00, 04:00] and
  // (06:00, 10:30]. The 1 h burn window (11:00, 12:00] lies wholly in excluded time.
  const plan = planCountWindows(
    [
      { key: 'slo', start: t('00:00'), end: t('12:00') },
      { key: '1h', start: t('11:00'), end: t('12:00') },
    ],
    ['good', 'total'],
    {
      corrections: [
        {
          reason: 'upgrade',
          once: { start: '2026-11-25T04:00:00Z', end: '2026-11-25T06:00:00Z' },
        },
        {
          reason: 'freeze',
          once: { start: '2026-11-25T10:30:00Z', end: '2026-11-25T12:00:00Z' },
        },
      ],
    },
  );

  it('asks for the counted intervals only', () => {
    expect(plan.cut).toBe(true);
    expect(
      plan.windows.map(w => [
        w.key,
        w.start.toISOString(),
        w.end.toISOString(),
      ]),
    ).toEqual([
      ['slo~0', '2026-11-25T00:00:00.000Z', '2026-11-25T04:00:00.000Z'],
      ['slo~1', '2026-11-25T06:00:00.000Z', '2026-11-25T10:30:00.000Z'],
    ]);
  });

  it('sums the intervals, and counts no series in some of them as no events then', () => {
    // Interval 0 matched no series (null): no data then, 0 events; interval 1: 90 of 100.
    // Sum: good 0 + 90 = 90, total 0 + 100 = 100.
    const counts = plan.combine({
      'slo~0': { good: null, total: null },
      'slo~1': { good: 90, total: 100 },
    });
    expect(counts.slo).toEqual({ good: 90, total: 100 });
  });

  it('says no series only when no interval had one (a broken SLI)', () => {
    const counts = plan.combine({
      'slo~0': { good: null, total: null },
      'slo~1': { good: null, total: null },
    });
    expect(counts.slo).toEqual({ good: null, total: null });
  });

  it('counts a window wholly in excluded time as zero events, not as no series', () => {
    // Nothing of (11:00, 12:00] is counted: 0 good of 0, which the engine reads as no traffic.
    const counts = plan.combine({
      'slo~0': { good: 10, total: 10 },
      'slo~1': { good: 10, total: 10 },
    });
    expect(counts['1h']).toEqual({ good: 0, total: 0 });
    expect(counts.slo).toEqual({ good: 20, total: 20 });
  });
});
