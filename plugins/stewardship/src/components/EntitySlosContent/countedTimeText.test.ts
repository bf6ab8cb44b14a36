import { SloDefinition } from '@stewardship/backstage-plugin-stewardship-common';
import { countedTimeText } from './SloRow';

const slo = {
  schedule: {
    days: ['mon', 'tue', 'wed', 'thu', 'fri'],
    from: '09:00',
    to: '17:00',
    timeZone: 'Europe/Berlin',
  },
  corrections: [{ id: 'a' }, { id: 'b' }],
} as unknown as SloDefinition;

describe('countedTimeText', () => {
  it('names the schedule and counts the corrections', () => {
    expect(countedTimeText(slo)).toBe(
      'business hours only (Mon–Fri 09:00–17:00 Europe/Berlin); 2 corrections excluded',
    );
    expect(
      countedTimeText({
        ...slo,
        schedule: undefined,
        corrections: [slo.corrections![0]],
      }),
    ).toBe('1 correction excluded');
  });
});
