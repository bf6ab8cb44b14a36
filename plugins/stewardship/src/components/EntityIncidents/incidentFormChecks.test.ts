import { checkHttpLink, incidentTimeProblems } from './incidentFormChecks';

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

  it('names the field in its own words', () => {
    expect(
      incidentTimeProblems(
        { startedAt: '2026-12-02T12:01', detectedAt: '2026-12-03T09:00' },
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
      startedAt:
        'Started must not be after Acknowledged (2026-12-02 10:30, your local time)',
    });
  });
});
