import { InputError } from '@backstage/errors';
import { bodyDate, queryDate } from './queryDate';

describe('queryDate and bodyDate', () => {
  it('read an RFC 3339 date-time as its instant', () => {
    expect(queryDate('2026-06-01T23:59:59+02:00', 'at')).toEqual(
      new Date('2026-06-01T21:59:59Z'),
    );
    expect(queryDate(undefined, 'at')).toBeUndefined();
  });

  it('say a leap second is no moment they can place, naming the field', () => {
    // RFC 3339 allows 23:59:60 (the spec's format lets it through); a Date cannot hold it.
    expect(() => queryDate('2026-06-30T23:59:60Z', 'at')).toThrow(
      new InputError(
        'Invalid query parameter "at": "2026-06-30T23:59:60Z" is not a moment this server can place (a leap second such as 23:59:60, or an offset beyond 24 hours)',
      ),
    );
    expect(() => bodyDate('2026-06-30T23:59:60Z', 'expiresAt')).toThrow(
      /^Invalid request body "expiresAt": .* is not a moment this server can place/,
    );
  });

  it('refuse a moment before 1970 as such', () => {
    expect(() => queryDate('1969-12-31T23:59:59Z', 'from')).toThrow(
      new InputError(
        'Invalid query parameter "from": "1969-12-31T23:59:59Z" is not a date-time from 1970 on',
      ),
    );
  });
});
