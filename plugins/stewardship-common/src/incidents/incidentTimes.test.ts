import { checkIncidentTimes, incidentAsOf } from './incidentTimes';

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

describe('incidentAsOf', () => {
  const resolved = {
    status: 'resolved' as const,
    detectedAt: '2026-09-10T10:00:00.000Z',
    acknowledgedAt: '2026-09-10T10:05:00.000Z',
    mitigatedAt: '2026-09-10T10:30:00.000Z',
    resolvedAt: '2026-09-10T11:00:00.000Z',
  };

  it('leaves out the moments after the moment and takes the stage of the latest one left', () => {
    expect(incidentAsOf(resolved, new Date('2026-09-10T10:10:00Z'))).toEqual({
      status: 'acknowledged',
      detectedAt: '2026-09-10T10:00:00.000Z',
      acknowledgedAt: '2026-09-10T10:05:00.000Z',
    });
    expect(
      incidentAsOf(resolved, new Date('2026-09-10T10:45:00Z')).status,
    ).toBe('mitigated');
  });

  it('reads an incident resolved without acknowledgement as triggered before its resolution', () => {
    const { acknowledgedAt: _a, mitigatedAt: _m, ...skipped } = resolved;
    expect(incidentAsOf(skipped, new Date('2026-09-10T10:59:59Z'))).toEqual({
      status: 'triggered',
      detectedAt: '2026-09-10T10:00:00.000Z',
    });
  });

  it('is the incident itself when nothing happened after the moment (one exactly at it has)', () => {
    expect(incidentAsOf(resolved, new Date('2026-09-10T11:00:00Z'))).toBe(
      resolved,
    );
  });
});
