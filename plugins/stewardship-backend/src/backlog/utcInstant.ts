/*
 * Creation and update times of backlog items as UTC instants, read the same whatever the server's
 * zone: the backend's figures and the page (which measures in the browser's zone) must agree on
 * an item's age.
 */
import { DateTime } from 'luxon';
import { BacklogProviderError } from '@stewardship/backstage-plugin-stewardship-node';

/**
 * A time as a UTC instant (`2026-06-04T00:00:00.000Z`), or undefined when it is no real moment.
 *
 * Read: ISO 8601 starting with a calendar date (`2026-06-04`, `2026-06-04T10:30:00.000+0200`),
 * the SQL form (`2026-06-04 10:30:00`) and RFC 2822 (`Thu, 04 Jun 2026 10:30:00 GMT`). A
 * date-time without an offset is read as UTC, never in the server's zone. A date that does not
 * exist (`2026-02-30`), a bare time (`09:24`, which luxon would read as today's), a number or
 * another form `Date.parse` guesses at (`May 1, 2026`, in the server's zone) is no moment.
 */
export function utcInstant(text: string): string | undefined {
  const value = text.trim();
  let parsed: DateTime | undefined;
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) {
    parsed = DateTime.fromISO(value, { zone: 'utc' });
    if (!parsed.isValid) parsed = DateTime.fromSQL(value, { zone: 'utc' });
  } else {
    parsed = DateTime.fromRFC2822(value, { zone: 'utc' });
  }
  if (!parsed.isValid) return undefined;
  const ms = parsed.toMillis();
  // Beyond what a Date can hold (years past 275760) there is no instant to write.
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15
    ? new Date(ms).toISOString()
    : undefined;
}

/**
 * A tracker's time (`2026-01-15T10:30:00.000+0000`, `2026-01-15T10:30:00Z`) as a UTC instant; one
 * without an offset is read as UTC. Anything else is the tracker's unexpected answer.
 */
export function trackerTime(title: string, value: string): string {
  const instant = utcInstant(value);
  if (instant === undefined) {
    throw new BacklogProviderError(
      `${title}: unexpected answer (time "${value}")`,
      { kind: 'bad-answer' },
    );
  }
  return instant;
}
