import {
  checkHttpLink,
  defaultStatusMoment,
  incidentTimeProblems,
  statusMomentProblem,
} from './incidentFormChecks';

describe('checkHttpLink', () => {
  it('sends an http(s) link as typed', () => {
    expect(checkHttpLink(' https://docs.example.com/pm/1?x=y#z ')).toEqual({
      link: 'https://docs.example.com/pm/1?x=y#z',
    });
    expect(checkHttpLink('http://wiki')).toEqual({ link: 'http://wiki' });
  });

  it('refuses what the backend would, in plain words', () => {
    for (const text of [
      'docs.example.com/pm',
      'ftp://example.com/pm',
      'https:/docs.example.com',
      'HTTPS://docs.example.com',
      'https://',
      'mailto:oncall@example.com',
    ]) {
      expect(checkHttpLink(text)).toEqual({
        problem: 'Enter a link starting with http:// or https://',
      });
    }
    expect(checkHttpLink(`https://x.org/${'a'.repeat(1990)}`)).toEqual({
      problem: 'The link is 2004 characters long; at most 2000 are allowed',
    });
    for (const text of [
      'https://oncall:secret@docs.example.com/pm',
      'https://docs.example.com@evil.example/pm',
    ]) {
      expect(checkHttpLink(text)).toEqual({
        problem:
          'Leave the user name and password out of the link: everyone who reads the incident would see them',
      });
    }
  });

  it('sends spaces and non-ASCII letters encoded, as the address bar does', () => {
    expect(checkHttpLink('https://x.org/post mortem/ä')).toEqual({
      link: 'https://x.org/post%20mortem/%C3%A4',
    });
  });
});

describe('incidentTimeProblems', () => {
  const now = new Date('2026-12-02T12:00').getTime();

  it('accepts moments in order up to now, and empty ones', () => {
    expect(
      incidentTimeProblems(
        { startedAt: '2026-12-02T09:00', detectedAt: '2026-12-02T12:00' },
        now,
      ),
    ).toEqual({});
    expect(
      incidentTimeProblems({ startedAt: '', detectedAt: '' }, now),
    ).toEqual({});
  });

  it("allows the backend's minute of clock skew, and not a second more", () => {
    // The backend refuses a moment more than a minute ahead of its clock (incidentInput.ts).
    expect(
      incidentTimeProblems(
        { startedAt: '2026-12-02T12:00:59', detectedAt: '2026-12-02T12:01' },
        now,
      ),
    ).toEqual({});
    expect(
      incidentTimeProblems(
        { startedAt: '2026-12-02T12:00', detectedAt: '2026-12-02T12:01:01' },
        now,
      ),
    ).toEqual({ detectedAt: 'Detected must not be in the future' });
  });

  it('names the field in its own words', () => {
    expect(
      incidentTimeProblems(
        { startedAt: '2026-12-02T12:01:01', detectedAt: '2026-12-03T09:00' },
        now,
      ),
    ).toEqual({
      startedAt: 'Started must not be in the future',
      detectedAt: 'Detected must not be in the future',
    });
    expect(
      incidentTimeProblems(
        { startedAt: '2026-12-02T10:00', detectedAt: '2026-12-02T09:00' },
        now,
      ),
    ).toEqual({
      detectedAt:
        'Detected must not be before Started (2026-12-02 10:00, your local time)',
    });
  });

  it('keeps an edit before the first later moment the incident has', () => {
    const acknowledgedAt = new Date('2026-12-02T10:30:40').toISOString();
    expect(
      incidentTimeProblems(
        { startedAt: '2026-12-02T10:31', detectedAt: '2026-12-02T10:30' },
        now,
        { acknowledgedAt, resolvedAt: new Date(now).toISOString() },
      ),
    ).toEqual({
      // Both typed: Detected is before Started, and Started after the Acknowledged it has.
      detectedAt:
        'Detected must not be before Started (2026-12-02 10:31, your local time)',
      startedAt:
        'Started must not be after Acknowledged (2026-12-02 10:30:40, your local time)',
    });
  });

  describe('editing the later moments', () => {
    // Detected 10:00, acknowledged 10:05:30, resolved 11:00 (local time); no mitigation.
    const incident = {
      detectedAt: new Date('2026-12-02T10:00').toISOString(),
      acknowledgedAt: new Date('2026-12-02T10:05:30').toISOString(),
      resolvedAt: new Date('2026-12-02T11:00').toISOString(),
    };
    // The form as it opened: the moments to the minute.
    const before = {
      startedAt: '',
      detectedAt: '2026-12-02T10:00',
      acknowledgedAt: '2026-12-02T10:05',
      mitigatedAt: '',
      resolvedAt: '2026-12-02T11:00',
    };
    const problems = (changes: Record<string, string>) =>
      incidentTimeProblems({ ...before, ...changes }, now, incident, before);

    it('accepts the form as it opened, and a moment moved within its neighbours', () => {
      expect(problems({})).toEqual({});
      expect(problems({ resolvedAt: '2026-12-02T10:06' })).toEqual({});
      expect(problems({ acknowledgedAt: '2026-12-02T10:59' })).toEqual({});
    });

    it('checks a changed moment against the ones kept, to the second', () => {
      // 10:05 reads as the Acknowledged field shows it, but the incident's is 10:05:30.
      expect(problems({ resolvedAt: '2026-12-02T10:05' })).toEqual({
        resolvedAt:
          'Resolved must not be before Acknowledged (2026-12-02 10:05:30, your local time)',
      });
      // The changed one is named, not the Resolved it now passes.
      expect(problems({ acknowledgedAt: '2026-12-02T11:01' })).toEqual({
        acknowledgedAt:
          'Acknowledged must not be after Resolved (2026-12-02 11:00, your local time)',
      });
      expect(problems({ detectedAt: '2026-12-02T10:06' })).toEqual({
        detectedAt:
          'Detected must not be after Acknowledged (2026-12-02 10:05:30, your local time)',
      });
    });

    it('refuses a later moment in the future, or cleared', () => {
      expect(
        problems({ resolvedAt: '2026-12-02T12:02', acknowledgedAt: '' }),
      ).toEqual({
        resolvedAt: 'Resolved must not be in the future',
        acknowledgedAt: 'Required',
      });
    });
  });
});

describe('a status change moment', () => {
  // Detected at 13:40:30 local time (the tests run in St. John's, UTC−3:30).
  const detected = new Date(2026, 11, 6, 13, 40, 30);
  const incident = { detectedAt: detected.toISOString() };
  const at = (...parts: number[]) =>
    new Date(2026, 11, 6, ...(parts as [number, number, number])).getTime();

  it('proposes now to the minute once that is not before the latest moment', () => {
    expect(defaultStatusMoment(incident, 'acknowledgedAt', at(13, 41, 5))).toBe(
      '2026-12-06T13:41',
    );
    expect(defaultStatusMoment(incident, 'resolvedAt', at(15, 0, 59))).toBe(
      '2026-12-06T15:00',
    );
  });

  it('proposes the latest moment to the second when now to the minute is before it', () => {
    // 13:40:50: now to the minute, 13:40, is 30 seconds before the detection.
    expect(
      defaultStatusMoment(incident, 'acknowledgedAt', at(13, 40, 50)),
    ).toBe('2026-12-06T13:40:30');
    // Resolving an incident acknowledged after its detection: the acknowledgement is the latest.
    const acknowledged = {
      ...incident,
      acknowledgedAt: new Date(2026, 11, 6, 13, 40, 45).toISOString(),
    };
    expect(
      defaultStatusMoment(acknowledged, 'resolvedAt', at(13, 40, 50)),
    ).toBe('2026-12-06T13:40:45');
    // The backend's clock ahead of the browser's: the detection is still the floor.
    expect(
      defaultStatusMoment(incident, 'acknowledgedAt', at(13, 40, 10)),
    ).toBe('2026-12-06T13:40:30');
  });

  it('rounds a latest moment with milliseconds up to the next second, which is not before it', () => {
    const withMs = {
      detectedAt: new Date(2026, 11, 6, 13, 40, 30, 500).toISOString(),
    };
    expect(defaultStatusMoment(withMs, 'acknowledgedAt', at(13, 40, 50))).toBe(
      '2026-12-06T13:40:31',
    );
  });

  it('refuses a moment before the latest one in local time, and one in the future', () => {
    expect(
      statusMomentProblem(
        at(13, 40, 0),
        'acknowledgedAt',
        incident,
        at(13, 41, 0),
      ),
    ).toBe(
      'Acknowledged must not be before Detected (2026-12-06 13:40:30, your local time)',
    );
    expect(
      statusMomentProblem(
        at(13, 40, 30),
        'acknowledgedAt',
        incident,
        at(13, 41, 0),
      ),
    ).toBeUndefined();
    // More than the backend's minute of clock skew ahead.
    expect(
      statusMomentProblem(at(13, 43, 0), 'resolvedAt', incident, at(13, 41, 0)),
    ).toBe('Resolved must not be in the future');
    expect(
      statusMomentProblem(at(13, 42, 0), 'resolvedAt', incident, at(13, 41, 0)),
    ).toBeUndefined();
  });
});
