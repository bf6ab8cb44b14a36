import { Config, readDurationFromConfig } from '@backstage/config';
import { HumanDuration } from '@backstage/types';
import { errorMessage } from './errorMessage';

/** A number alone, as YAML reads `cacheTtl: 60`, or written as a string (`'60'`). */
const BARE_NUMBER = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)\s*$/;

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
 * refused here saying so, with the forms accepted. Not checked: the sign, which each caller
 * bounds (an object's units may be negative).
 */
export function readConfigDuration(
  config: Config,
  key: string,
  fullKey: string,
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
  try {
    return readDurationFromConfig(config, { key });
  } catch (error) {
    throw new Error(`Invalid ${fullKey}: ${errorMessage(error)}`);
  }
}
