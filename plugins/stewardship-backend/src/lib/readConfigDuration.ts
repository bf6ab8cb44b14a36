import { Config, readDurationFromConfig } from '@backstage/config';
import { HumanDuration, durationToMilliseconds } from '@backstage/types';
import { errorMessage } from './errorMessage';

/** A number alone, as YAML reads `cacheTtl: 60`, or written as a string (`'60'`). */
const BARE_NUMBER = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)\s*$/;

/**
 * The longest a Node.js timer (`setTimeout`, `AbortSignal.timeout`) can wait: 2^31 - 1 ms, about
 * 24.8 days. A longer one does not wait longer: Node.js fires it after 1 ms (with only a warning),
 * or throws, so a timeout read from config must not be longer.
 */
export const TIMER_LIMIT_MS = 2_147_483_647;

/** How {@link readConfigDuration} bounds what it reads. */
export interface ReadConfigDurationOptions {
  /**
   * The duration is waited for by a timer (a timeout): refuse one longer than
   * {@link TIMER_LIMIT_MS}, at startup and naming the key, instead of every wait ending at once.
   */
  timer?: boolean;
}

/** A duration as written in the config, for messages: `30d`, or `{"days":30}`. */
function written(value: unknown): string {
  return typeof value === 'string' ? value.trim() : JSON.stringify(value);
}

/** What a duration may look like, for the messages below. */
function forms(amount: string) {
  return `e.g. '${amount}s' or '${amount}m', ISO 8601 'PT${amount}S', or { seconds: ${amount} }`;
}

/**
 * The duration at `key` of `config`, read as Backstage's `readDurationFromConfig` reads it: a
 * string with a unit (`60s`, `90 minutes`, `2h`, `7d`), ISO 8601 (`PT1M30S`, `P30D`) or an object
 * of units (`{ minutes: 1, seconds: 30 }`). Its errors name `fullKey` (Backstage's name the key
 * in the config object it is given, often not the whole key). A bare number (YAML's
 * `cacheTtl: 60`) has no unit, and Backstage's reader would say "got number, wanted object":
 * refused here saying so, with the forms accepted. With `options.timer`, one longer than a timer
 * can wait is refused too. Not checked: the sign, which each caller bounds (an object's units may
 * be negative).
 */
export function readConfigDuration(
  config: Config,
  key: string,
  fullKey: string,
  options: ReadConfigDurationOptions = {},
): HumanDuration {
  const value = config.get(key);
  if (
    typeof value === 'number' ||
    (typeof value === 'string' && BARE_NUMBER.test(value))
  ) {
    const amount = Number(value);
    const example =
      amount > 0 && Number.isFinite(amount) ? String(amount) : '60';
    throw new Error(
      `Invalid ${fullKey}: ${String(
        value,
      ).trim()} is a number without a unit; write a duration, ${forms(
        example,
      )}`,
    );
  }
  if (
    typeof value !== 'string' &&
    (typeof value !== 'object' || value === null || Array.isArray(value))
  ) {
    const got = Array.isArray(value) ? 'a list' : `a ${typeof value}`;
    throw new Error(
      `Invalid ${fullKey}: expected a duration, ${forms('60')}; got ${got}`,
    );
  }
  let duration: HumanDuration;
  try {
    duration = readDurationFromConfig(config, { key });
  } catch (error) {
    throw new Error(`Invalid ${fullKey}: ${errorMessage(error)}`);
  }
  if (options.timer && durationToMilliseconds(duration) > TIMER_LIMIT_MS) {
    throw new Error(
      `Invalid ${fullKey}: ${written(
        value,
      )} is longer than a timer can wait; at most ${TIMER_LIMIT_MS} ms (about 24.8 days), e.g. '24d' or { days: 24 }`,
    );
  }
  return duration;
}
