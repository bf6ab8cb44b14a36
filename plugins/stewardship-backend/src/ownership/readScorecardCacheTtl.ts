import { Config } from '@backstage/config';
import { readCacheTtl } from '../lib/readCacheTtl';

const KEY = 'stewardship.ownership.cacheTtl';

/** How long a scorecard evaluation is reused when `stewardship.ownership.cacheTtl` is not set. */
export const DEFAULT_SCORECARD_CACHE_TTL_MS = 60_000;

/** `stewardship.ownership.cacheTtl` in ms (see readCacheTtl); 0 turns the scorecard cache off. */
export function readScorecardCacheTtl(config: Config): number {
  return readCacheTtl(config, KEY, DEFAULT_SCORECARD_CACHE_TTL_MS);
}
