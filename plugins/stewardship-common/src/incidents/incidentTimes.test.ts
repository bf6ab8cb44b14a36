import { checkIncidentTimes } from './incidentTimes';

describe('checkIncidentTimes', () => {
  const t = (minute: number) =>
    new Date(Date.UTC(2026, 8, 10, 10, minute)).toISOString();

  it('accepts moments in order, with skipped stages', () => {
    expect(
      checkIncidentTimes(
        {
          startedAt: t(0),
          detectedAt: t(5),
          acknowledgedAt: t(5),
          mitigatedAt: t(30),
          resolvedAt: t(60),
        },
        'resolved',
      ),
    ).toBeUndefined();
    expect(
      checkIncidentTimes({ detectedAt: t(5), resolvedAt: t(6) }, 'resolved'),
    ).toBeUndefined();
  });

  it('names the later field of a pair out of order, skipping unset ones', () => {
    expect(
      checkIncidentTimes({ startedAt: t(10), detectedAt: t(5) }, 'triggered'),
    ).toMatchObject({ field: 'detectedAt' });
    expect(
      checkIncidentTimes(
        { detectedAt: t(5), acknowledgedAt: t(20), resolvedAt: t(10) },
        'resolved',
      ),
    ).toMatchObject({
      field: 'resolvedAt',
      message: expect.stringContaining('is before acknowledgedAt'),
    });
  });

  it('refuses moments of stages the status has not reached, and a missing detectedAt', () => {
    expect(
      checkIncidentTimes({ detectedAt: t(5), resolvedAt: t(9) }, 'mitigated'),
    ).toMatchObject({ field: 'resolvedAt' });
    expect(checkIncidentTimes({ startedAt: t(1) }, 'triggered')).toMatchObject({
      field: 'detectedAt',
    });
  });
});
