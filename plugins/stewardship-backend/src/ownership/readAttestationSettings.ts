import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { DEFAULT_ATTESTATION_MAX_AGE_MS } from '@stewardship/backstage-plugin-stewardship-common';

const KEY = 'stewardship.ownership.attestation.maxAge';

/** How long an attestation counts, read from `stewardship.ownership.attestation`. */
export interface AttestationSettings {
  maxAgeMs: number;
}

/**
 * `stewardship.ownership.attestation.maxAge`: `90d`, `P30D` or `{ days: 30 }`; 90 days when
 * unset. Throws at startup for anything that is not a positive duration, naming the key.
 */
export function readAttestationSettings(config: Config): AttestationSettings {
  if (!config.has(KEY)) {
    return { maxAgeMs: DEFAULT_ATTESTATION_MAX_AGE_MS };
  }
  const ms = durationToMilliseconds(
    readDurationFromConfig(config, { key: KEY }),
  );
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new Error(`${KEY} must be a positive duration, got ${ms} ms`);
  }
  return { maxAgeMs: ms };
}
