import { ConfigReader } from '@backstage/config';
import {
  pagerDutySettingsWarnings,
  readPagerDutySettings,
} from './PagerDutySettings';

const withSeverity = (severity: object) =>
  new ConfigReader({ stewardship: { incidents: { pagerduty: { severity } } } });

describe('readPagerDutySettings', () => {
  it('maps priorities and urgencies over the defaults', () => {
    const settings = readPagerDutySettings(
      withSeverity({ priorities: { P1: 'SEV2' }, default: 'SEV4' }),
    );
    expect(settings.priorities).toEqual({
      P1: 'SEV2',
      P2: 'SEV2',
      P3: 'SEV3',
      P4: 'SEV4',
      P5: 'SEV5',
    });
    expect(settings.urgencies).toEqual({ high: 'SEV2', low: 'SEV4' });
    expect(settings.defaultSeverity).toBe('SEV4');
  });

  it('names the whole key of a wrong severity', () => {
    expect(() =>
      readPagerDutySettings(withSeverity({ priorities: { P1: 'sev1' } })),
    ).toThrow(
      'stewardship.incidents.pagerduty.severity.priorities["P1"] must be one of SEV1, SEV2, SEV3, SEV4, SEV5, not "sev1"',
    );
    expect(() =>
      readPagerDutySettings(withSeverity({ urgencies: { high: 'urgent' } })),
    ).toThrow(
      /^stewardship\.incidents\.pagerduty\.severity\.urgencies\["high"\] /,
    );
    expect(() =>
      readPagerDutySettings(withSeverity({ default: 'P3' })),
    ).toThrow(/^stewardship\.incidents\.pagerduty\.severity\.default /);
  });

  it('reads priority and urgency names that are not config keys (spaces, dots, slashes)', () => {
    // PagerDuty's priority names are free text, e.g. "P1 - Critical".
    const settings = readPagerDutySettings(
      withSeverity({
        priorities: { 'P1 - Critical': 'SEV1', 'Sev.2/High': 'SEV2' },
        urgencies: { 'high urgency': 'SEV3' },
      }),
    );
    expect(settings.priorities).toEqual({
      P1: 'SEV1',
      P2: 'SEV2',
      P3: 'SEV3',
      P4: 'SEV4',
      P5: 'SEV5',
      'P1 - Critical': 'SEV1',
      'Sev.2/High': 'SEV2',
    });
    expect(settings.urgencies).toEqual({
      high: 'SEV2',
      low: 'SEV4',
      'high urgency': 'SEV3',
    });
    expect(() =>
      readPagerDutySettings(
        withSeverity({ priorities: { 'P1 - Critical': 'critical' } }),
      ),
    ).toThrow(
      'stewardship.incidents.pagerduty.severity.priorities["P1 - Critical"] must be one of SEV1, SEV2, SEV3, SEV4, SEV5, not "critical"',
    );
    expect(() =>
      readPagerDutySettings(withSeverity({ urgencies: { 'high.1': 2 } })),
    ).toThrow(
      'stewardship.incidents.pagerduty.severity.urgencies["high.1"] must be one of SEV1, SEV2, SEV3, SEV4, SEV5, not 2',
    );
    expect(() =>
      readPagerDutySettings(withSeverity({ priorities: ['SEV1'] })),
    ).toThrow(
      'stewardship.incidents.pagerduty.severity.priorities must map names to severities, e.g. { P1: SEV1 }',
    );
  });

  const withPagerDuty = (pagerduty: object) =>
    new ConfigReader({ stewardship: { incidents: { pagerduty } } });

  it('says which webhook secret is empty, and why it may be', () => {
    // What `- ${PAGERDUTY_WEBHOOK_SECRET}` becomes with the variable set to nothing.
    for (const empty of ['', '  ']) {
      expect(() =>
        readPagerDutySettings(
          withPagerDuty({ webhookSecrets: ['current-secret', empty] }),
        ),
      ).toThrow(
        'stewardship.incidents.pagerduty.webhookSecrets[1] is empty: the signing secret was not given. ' +
          'If it is read from an environment variable (e.g. ${PAGERDUTY_WEBHOOK_SECRET}), that variable may be unset or empty where the backend runs; ' +
          "set it to the secret of PagerDuty's webhook subscription, or remove the entry",
      );
    }
    expect(
      readPagerDutySettings(withPagerDuty({ webhookSecrets: ['a', 'b'] }))
        .webhookSecrets,
    ).toEqual(['a', 'b']);
    expect(readPagerDutySettings(withPagerDuty({})).webhookSecrets).toEqual([]);
  });

  it('reads maxEventAge, 3 days when unset', () => {
    expect(readPagerDutySettings(withPagerDuty({})).maxEventAgeMs).toBe(
      259_200_000,
    );
    expect(
      readPagerDutySettings(withPagerDuty({ maxEventAge: '36h' }))
        .maxEventAgeMs,
    ).toBe(129_600_000);
    expect(
      readPagerDutySettings(withPagerDuty({ maxEventAge: { days: 2 } }))
        .maxEventAgeMs,
    ).toBe(172_800_000);
  });

  it.each([
    [
      '0s',
      'stewardship.incidents.pagerduty.maxEventAge must be longer than zero',
    ],
    [
      { hours: -1 },
      'stewardship.incidents.pagerduty.maxEventAge must be longer than zero',
    ],
    [
      72,
      'Invalid stewardship.incidents.pagerduty.maxEventAge: 72 is a number without a unit',
    ],
    ['soon', /^Invalid stewardship\.incidents\.pagerduty\.maxEventAge: /],
  ])('refuses a maxEventAge of %j, naming the key', (maxEventAge, message) => {
    expect(() => readPagerDutySettings(withPagerDuty({ maxEventAge }))).toThrow(
      message,
    );
  });
});

describe('pagerDutySettingsWarnings', () => {
  it('warns of a maxEventAge shorter than PagerDuty’s 48 hours of retries', () => {
    const warnings = (maxEventAge?: unknown) =>
      pagerDutySettingsWarnings(
        readPagerDutySettings(
          new ConfigReader({
            stewardship: {
              incidents: {
                pagerduty: maxEventAge === undefined ? {} : { maxEventAge },
              },
            },
          } as any),
        ),
      );
    expect(warnings()).toEqual([]);
    expect(warnings('48h')).toEqual([]);
    expect(warnings('47h')).toEqual([
      "stewardship.incidents.pagerduty.maxEventAge is 47 hours, shorter than the 48 hours PagerDuty retries a failed delivery: after an outage of this backend, PagerDuty's own late deliveries will be ignored",
    ]);
    expect(warnings({ hours: 1, minutes: 30 })).toEqual([
      expect.stringMatching(/maxEventAge is 1\.5 hours, shorter than the 48/),
    ]);
  });
});
