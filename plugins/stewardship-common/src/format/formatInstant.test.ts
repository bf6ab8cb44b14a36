import { formatInstant } from './formatInstant';

describe('formatInstant', () => {
  it('writes UTC to the minute', () => {
    expect(formatInstant('2024-09-30T21:59:30.000Z')).toBe(
      '2024-09-30 21:59 UTC',
    );
    expect(formatInstant('2024-10-01T01:00:00+02:00')).toBe(
      '2024-09-30 23:00 UTC',
    );
  });
});
