import { Config } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { readConfigDuration } from './readConfigDuration';

/**
 * A cache TTL at `key` in ms: `60s`, `PT1M` or `{ seconds: 60 }`, 0 or more (0 turns that cache
 * off), or `fallbackMs` when the key is not set. Throws at startup for anything else, naming the
 * key.
 */
export function readCacheTtl(
  config: Config,
  key: string,
  fallbackMs: number,
): number {
  if (!config.has(key)) return fallbackMs;
  const ms = durationToMilliseconds(readConfigDuration(config, key, key));
  if (!Number.isFinite(ms) || ms < 0) {
    throw new Error(`${key} must be a duration of 0 or more, got ${ms} ms`);
  }
  return ms;
}
