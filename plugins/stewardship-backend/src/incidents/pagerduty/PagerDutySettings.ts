import { Config } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import {
  INCIDENT_SEVERITIES,
  IncidentSeverity,
} from '@stewardship/backstage-plugin-stewardship-common';
import { readConfigDuration } from '../../lib/readConfigDuration';

/** `stewardship.incidents.pagerduty`, with the defaults filled in. */
export interface PagerDutySettings {
  /** Any of them may sign a delivery; none configured refuses every delivery. */
  webhookSecrets: string[];
  /** PagerDuty priority name (`P1`) → severity; wins over urgency. */
  priorities: Record<string, IncidentSeverity>;
  /** `high` / `low` → severity, for incidents without a priority. */
  urgencies: Record<string, IncidentSeverity>;
  /** When neither maps. */
  defaultSeverity: IncidentSeverity;
  /** Deliveries accepted per minute (across all senders). */
  requestsPerMinute: number;
  /** How old an event (its `occurred_at`) may be and still be applied, in ms. */
  maxEventAgeMs: number;
}

const KEY = 'stewardship.incidents.pagerduty';

/**
 * How old an event may be, unless configured: 3 days. PagerDuty retries a delivery that failed
 * (no answer, a 5xx or a 429) for up to 48 hours, holding that incident's later events back
 * meanwhile, so its own deliveries after an outage of this backend may be two days old; a day
 * more for the ones held back. Older ones are ignored: a signed delivery captured while it was
 * ignored (no entity claimed the service yet; ignored event ids are not stored) cannot be sent
 * again later to record an incident.
 */
export const DEFAULT_PAGERDUTY_MAX_EVENT_AGE_MS = 3 * 86_400_000;

const DEFAULTS = {
  priorities: { P1: 'SEV1', P2: 'SEV2', P3: 'SEV3', P4: 'SEV4', P5: 'SEV5' },
  urgencies: { high: 'SEV2', low: 'SEV4' },
  defaultSeverity: 'SEV3',
  requestsPerMinute: 120,
} as const;

/** `value` as a severity; `where` names its whole key, for the error. */
function asSeverity(value: unknown, where: string): IncidentSeverity {
  if (!INCIDENT_SEVERITIES.includes(value as IncidentSeverity)) {
    throw new Error(
      `${where} must be one of ${INCIDENT_SEVERITIES.join(
        ', ',
      )}, not ${JSON.stringify(value)}`,
    );
  }
  return value as IncidentSeverity;
}

/**
 * `severity.priorities` or `severity.urgencies` over the defaults, read as a plain object: its
 * keys are PagerDuty's names, not config paths, and a priority such as `P1 - Critical` (spaces)
 * or `Sev.1` would fail Backstage's config-key check ("Invalid config key") if read through
 * `getString`. Errors name the entry as `…priorities["P1 - Critical"]`.
 */
function severityMap(
  mapping: Config | undefined,
  key: 'priorities' | 'urgencies',
  defaults: Record<string, IncidentSeverity>,
) {
  const where = `${KEY}.severity.${key}`;
  const raw = mapping?.getOptional(key);
  const result: Record<string, IncidentSeverity> = { ...defaults };
  if (raw === undefined) return result;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Error(`${where} must map names to severities, e.g. { P1: SEV1 }`);
  }
  for (const [name, value] of Object.entries(raw)) {
    result[name] = asSeverity(value, `${where}[${JSON.stringify(name)}]`);
  }
  return result;
}

/**
 * The signing secrets. One that came out empty (`- ${PAGERDUTY_WEBHOOK_SECRET}` with the variable
 * set to nothing) fails the start with a message saying so: Backstage's own would be "got
 * empty-string, wanted string-array". An unset variable drops its entry instead (Backstage's
 * config loader), and no secret at all is warned about at start-up.
 */
function webhookSecrets(pd: Config | undefined): string[] {
  const raw = pd?.getOptional('webhookSecrets');
  if (Array.isArray(raw)) {
    const empty = raw.findIndex(
      secret => typeof secret === 'string' && secret.trim() === '',
    );
    if (empty >= 0) {
      throw new Error(
        `${KEY}.webhookSecrets[${empty}] is empty: the signing secret was not given. ` +
          'If it is read from an environment variable (e.g. ${PAGERDUTY_WEBHOOK_SECRET}), that variable may be unset or empty where the backend runs; ' +
          "set it to the secret of PagerDuty's webhook subscription, or remove the entry",
      );
    }
  }
  return pd?.getOptionalStringArray('webhookSecrets') ?? [];
}

/** `maxEventAge` in ms: a duration longer than zero, 3 days when unset. */
function maxEventAgeMs(pd: Config | undefined): number {
  if (!pd?.has('maxEventAge')) return DEFAULT_PAGERDUTY_MAX_EVENT_AGE_MS;
  const ms = durationToMilliseconds(
    readConfigDuration(pd, 'maxEventAge', `${KEY}.maxEventAge`),
  );
  if (!(ms > 0)) {
    throw new Error(`${KEY}.maxEventAge must be longer than zero`);
  }
  return ms;
}

/** How long PagerDuty retries a delivery that failed: 48 hours (its webhook docs). */
const PAGERDUTY_RETRY_MS = 48 * 3_600_000;

/**
 * What the settings allow but an operator should hear at start-up: a `maxEventAge` shorter than
 * PagerDuty's 48 hours of retries ignores PagerDuty's own late deliveries after an outage.
 */
export function pagerDutySettingsWarnings(
  settings: Pick<PagerDutySettings, 'maxEventAgeMs'>,
): string[] {
  return settings.maxEventAgeMs < PAGERDUTY_RETRY_MS
    ? [
        `${KEY}.maxEventAge is ${
          settings.maxEventAgeMs / 3_600_000
        } hours, shorter than the 48 hours PagerDuty retries a failed delivery: after an outage of this backend, PagerDuty's own late deliveries will be ignored`,
      ]
    : [];
}

/**
 * Reads `stewardship.incidents.pagerduty`; a wrong severity name, an empty secret or a duration
 * that is not one fails the start.
 */
export function readPagerDutySettings(config: Config): PagerDutySettings {
  const pd = config.getOptionalConfig(KEY);
  const mapping = pd?.getOptionalConfig('severity');
  const requestsPerMinute =
    pd?.getOptionalNumber('rateLimit.requestsPerMinute') ??
    DEFAULTS.requestsPerMinute;
  if (!(requestsPerMinute >= 1)) {
    throw new Error(
      'stewardship.incidents.pagerduty.rateLimit.requestsPerMinute must be at least 1',
    );
  }
  return {
    webhookSecrets: webhookSecrets(pd),
    priorities: severityMap(mapping, 'priorities', DEFAULTS.priorities),
    urgencies: severityMap(mapping, 'urgencies', DEFAULTS.urgencies),
    defaultSeverity: mapping?.has('default')
      ? asSeverity(mapping.get('default'), `${KEY}.severity.default`)
      : DEFAULTS.defaultSeverity,
    requestsPerMinute,
    maxEventAgeMs: maxEventAgeMs(pd),
  };
}
