import {
  SloCorrection,
  SloEvaluation,
} from '@stewardship/backstage-plugin-stewardship-common';
import { withRecordedExclusions } from './recordedExclusions';

const correction = (
  createdAt: string,
  period: Pick<SloCorrection, 'once' | 'weekly'>,
) => ({ id: createdAt, reason: 'r', author: 'a', createdAt, ...period });

// Ran at 08:00 UTC on Wednesday 3 June 2026 over the day before it: (2 June 08:00, 3 June 08:00].
const stored: Pick<
  SloEvaluation,
  'excludedCorrections' | 'evaluatedAt' | 'window'
> = {
  evaluatedAt: '2026-06-03T08:00:00.000Z',
  window: {
    start: '2026-06-02T08:00:00.000Z',
    end: '2026-06-03T08:00:00.000Z',
  },
};
const weekly = (days: Array<'tue' | 'wed' | 'thu'>) => ({
  weekly: { days, from: '09:00', to: '10:00', timeZone: 'Asia/Tokyo' },
});

describe('withRecordedExclusions', () => {
  it('counts weekly corrections in their own time zone', () => {
    // Tokyo is UTC+9: Tuesday 09:00–10:00 there is Tuesday 00:00–01:00 UTC (before the window),
    // Wednesday's is Wednesday 00:00–01:00 UTC (inside), Thursday's after it.
    const slo = {
      corrections: [
        correction('2026-05-01T00:00:00.000Z', weekly(['tue'])),
        correction('2026-05-01T00:00:00.000Z', weekly(['wed'])),
        correction('2026-05-01T00:00:00.000Z', weekly(['thu'])),
      ],
    };
    expect(withRecordedExclusions(slo, stored).excludedCorrections).toBe(1);
  });

  it('leaves out corrections added after the evaluation ran, and keeps a recorded count', () => {
    const slo = {
      corrections: [
        correction('2026-06-03T08:00:00.000Z', weekly(['wed'])),
        correction('2026-06-03T08:00:00.001Z', weekly(['wed'])),
      ],
    };
    expect(withRecordedExclusions(slo, stored).excludedCorrections).toBe(1);
    expect(
      withRecordedExclusions(slo, { ...stored, excludedCorrections: 0 })
        .excludedCorrections,
    ).toBe(0);
  });

  it('leaves the count out when nothing was excluded, as the evaluator does', () => {
    const slo = {
      corrections: [correction('2026-05-01T00:00:00Z', weekly(['thu']))],
    };
    expect(withRecordedExclusions(slo, stored)).toEqual(stored);
    expect(withRecordedExclusions({}, stored)).toEqual(stored);
  });
});
