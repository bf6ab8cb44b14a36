import {
  correctionPeriodText,
  daysText,
  scheduleText,
} from './describeCounting';

describe('describeCounting', () => {
  it('writes days in week order, runs as ranges', () => {
    expect(daysText(['fri', 'mon', 'tue', 'wed', 'thu'])).toBe('Mon–Fri');
    expect(daysText(['mon', 'wed', 'sat', 'sun'])).toBe('Mon, Wed, Sat–Sun');
    expect(daysText(['sun'])).toBe('Sun');
  });

  it('writes a schedule and both kinds of correction', () => {
    const weekly = {
      days: ['sun' as const],
      from: '02:00',
      to: '04:00',
      timeZone: 'Europe/Berlin',
    };
    expect(scheduleText(weekly)).toBe('Sun 02:00–04:00 Europe/Berlin');
    expect(correctionPeriodText({ reason: 'x', weekly })).toBe(
      'every Sun 02:00–04:00 Europe/Berlin',
    );
    expect(
      correctionPeriodText({
        reason: 'x',
        once: { start: '2026-11-29T10:00:00Z', end: '2026-11-29T12:00:00Z' },
      }),
    ).toBe('2026-11-29 10:00 UTC – 2026-11-29 12:00 UTC');
  });
});
