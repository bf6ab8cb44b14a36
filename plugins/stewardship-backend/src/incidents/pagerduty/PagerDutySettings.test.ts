import { ConfigReader } from '@backstage/config';
import { readPagerDutySettings } from './PagerDutySettings';

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
      'stewardship.incidents.pagerduty.severity.priorities.P1 must be one of SEV1, SEV2, SEV3, SEV4, SEV5, not "sev1"',
    );
    expect(() =>
      readPagerDutySettings(withSeverity({ urgencies: { high: 'urgent' } })),
    ).toThrow(/^stewardship\.incidents\.pagerduty\.severity\.urgencies\.high /);
    expect(() =>
      readPagerDutySettings(withSeverity({ default: 'P3' })),
    ).toThrow(/^stewardship\.incidents\.pagerduty\.severity\.default /);
  });
});
