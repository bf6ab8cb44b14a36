import { Config } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { DEFAULT_ATTESTATION_MAX_AGE_MS } from '@stewardship/backstage-plugin-stewardship-common';
import { readConfigDuration } from '../lib/readConfigDuration';

const KEY = 'stewardship.ownership.attestation.maxAge';
const INTERVAL_KEY = 'stewardship.ownership.attestation.reminderInterval';

/** How long a holder waits between reminders about one role, unless configured: 7 days. */
export const DEFAULT_ATTESTATION_REMINDER_INTERVAL_MS = 7 * 86_400_000;

/** How long an attestation counts, read from `stewardship.ownership.attestation`. */
export interface AttestationSettings {
  maxAgeMs: number;
  /** How long a holder waits between reminders about the same unconfirmed role. */
  reminderIntervalMs: number;
}

/**
 * `stewardship.ownership.attestation.maxAge` (90 days when unset) and `.reminderInterval` (7
 * days): `90d`, `P30D` or `{ days: 30 }`. Throws at startup for anything that is not a positive
 * duration, naming the key.
 */
export function readAttestationSettings(config: Config): AttestationSettings {
  return {
    maxAgeMs: readPositiveDuration(config, KEY, DEFAULT_ATTESTATION_MAX_AGE_MS),
    reminderIntervalMs: readPositiveDuration(
      config,
      INTERVAL_KEY,
      DEFAULT_ATTESTATION_REMINDER_INTERVAL_MS,
    ),
  };
}

function readPositiveDuration(config: Config, key: string, fallback: number) {
  if (!config.has(key)) return fallback;
  const ms = durationToMilliseconds(readConfigDuration(config, key, key));
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new Error(`${key} must be a positive duration, got ${ms} ms`);
  }
  return ms;
}
