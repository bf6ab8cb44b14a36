import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

const KEY = 'stewardship.ownership.cacheTtl';

/** How long a scorecard evaluation is reused when `stewardship.ownership.cacheTtl` is not set. */
export const DEFAULT_SCORECARD_CACHE_TTL_MS = 60_000;

/**
 * `stewardship.ownership.cacheTtl` in ms: `60s`, `PT1M` or `{ seconds: 60 }`; 0 turns the
 * scorecard cache off. Throws at startup for anything else, naming the key.
 */
export function readScorecardCacheTtl(config: Config): number {
  return readCacheTtl(config, KEY, DEFAULT_SCORECARD_CACHE_TTL_MS);
}

/** A cache TTL at `key` in ms (0 or more), or `fallbackMs` when it is not set. */
export function readCacheTtl(
  config: Config,
  key: string,
  fallbackMs: number,
): number {
  if (!config.has(key)) return fallbackMs;
  const ms = durationToMilliseconds(readDurationFromConfig(config, { key }));
  if (!Number.isFinite(ms) || ms < 0) {
    throw new Error(`${key} must be a duration of 0 or more, got ${ms} ms`);
  }
  return ms;
}
