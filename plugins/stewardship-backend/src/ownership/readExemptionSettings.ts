import { Config } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { DEFAULT_EXEMPTION_MAX_DURATION_MS } from '@stewardship/backstage-plugin-stewardship-common';
import { readConfigDuration } from '../lib/readConfigDuration';

const KEY = 'stewardship.ownership.exemptions.maxDuration';

/** How exemptions are bounded, read from `stewardship.ownership.exemptions`. */
export interface ExemptionSettings {
  /** The longest an exemption may last from when it is granted. */
  maxDurationMs: number;
}

/**
 * `stewardship.ownership.exemptions.maxDuration`: `180d`, `P90D` or `{ days: 30 }`; 180 days when
 * unset. Throws at startup for anything that is not a positive duration, naming the key.
 */
export function readExemptionSettings(config: Config): ExemptionSettings {
  if (!config.has(KEY)) {
    return { maxDurationMs: DEFAULT_EXEMPTION_MAX_DURATION_MS };
  }
  const ms = durationToMilliseconds(readConfigDuration(config, KEY, KEY));
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new Error(`${KEY} must be a positive duration, got ${ms} ms`);
  }
  return { maxDurationMs: ms };
}
