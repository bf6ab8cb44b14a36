import { defaultPeriodStart, emptyPeriodError } from './reportPeriod';

describe('defaultPeriodStart', () => {
  it('is the given number of days before the end', () => {
    expect(
      defaultPeriodStart(new Date('2026-12-06T10:00:00Z'), 30).toISOString(),
    ).toBe('2026-11-06T10:00:00.000Z');
  });

  it('never starts before 1970', () => {
    expect(
      defaultPeriodStart(new Date('1970-01-01T00:00:01Z'), 30).toISOString(),
    ).toBe('1970-01-01T00:00:00.000Z');
  });
});

describe('emptyPeriodError', () => {
  const at = new Date('2026-12-06T10:00:00Z');
  it.each([
    [
      { from: at, to: at },
      'Invalid query parameter "from": must be before "to"',
    ],
    [
      { from: at },
      'Invalid query parameter "from": must be before now, where the period ends when no "to" is given',
    ],
    [
      { to: new Date(0) },
      'Invalid query parameter "to": must be after 1970-01-01T00:00:00Z, for the period to cover some time',
    ],
  ])('names what ends the period (%o)', (range, message) => {
    const error = emptyPeriodError(range);
    expect(error.name).toBe('InputError');
    expect(error.message).toBe(message);
  });
});
