import {
  SloCorrection,
  SloDefinition,
} from '@stewardship/backstage-plugin-stewardship-common';
import { countedTimeText } from './SloRow';

const correction = (
  id: string,
  createdAt: string,
  once: { start: string; end: string },
) => ({ id, createdAt, once } as unknown as SloCorrection);

// Today's SLO: two corrections, both inside the window below.
const slo = {
  schedule: {
    days: ['mon', 'tue', 'wed', 'thu', 'fri'],
    from: '09:00',
    to: '17:00',
    timeZone: 'Europe/Berlin',
  },
  corrections: [
    correction('a', '2026-05-01T00:00:00Z', {
      start: '2026-05-10T00:00:00Z',
      end: '2026-05-10T02:00:00Z',
    }),
    correction('b', '2026-06-01T11:00:00Z', {
      start: '2026-05-20T00:00:00Z',
      end: '2026-05-20T02:00:00Z',
    }),
  ],
} as unknown as SloDefinition;

// An evaluation as of 1 June 10:00 of a 30-day window, run then.
const evaluation = {
  evaluatedAt: '2026-06-01T10:00:00.000Z',
  window: {
    start: '2026-05-02T10:00:00.000Z',
    end: '2026-06-01T10:00:00.000Z',
  },
};

describe('countedTimeText', () => {
  it('names the schedule and the corrections the evaluation recorded', () => {
    expect(
      countedTimeText(slo, { ...evaluation, excludedCorrections: 2 }),
    ).toBe(
      'business hours only (Mon–Fri 09:00–17:00 Europe/Berlin); 2 corrections excluded',
    );
    expect(
      countedTimeText(
        { ...slo, schedule: undefined },
        { ...evaluation, excludedCorrections: 1 },
      ),
    ).toBe('1 correction excluded');
  });

  it('names the schedule of an SLO not evaluated yet, and no corrections', () => {
    expect(countedTimeText(slo)).toBe(
      'business hours only (Mon–Fri 09:00–17:00 Europe/Berlin)',
    );
    expect(countedTimeText({ ...slo, schedule: undefined })).toBe('');
  });

  it('says what the evaluation excluded, not what the SLO has today', () => {
    // Today's SLO has two corrections; the evaluation (of a past moment) recorded none: nothing
    // was left out of its figures, so no counted-time line at all.
    expect(
      countedTimeText(
        { ...slo, schedule: undefined },
        { ...evaluation, excludedCorrections: 0 },
      ),
    ).toBe('');
  });
});
