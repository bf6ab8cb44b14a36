import { Config } from '@backstage/config';
import {
  INCIDENT_SEVERITIES,
  IncidentSeverity,
} from '@stewardship/backstage-plugin-stewardship-common';

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
}

const DEFAULTS = {
  priorities: { P1: 'SEV1', P2: 'SEV2', P3: 'SEV3', P4: 'SEV4', P5: 'SEV5' },
  urgencies: { high: 'SEV2', low: 'SEV4' },
  defaultSeverity: 'SEV3',
  requestsPerMinute: 120,
} as const;

/** The severity at `key` of `config`, which is `stewardship.incidents.pagerduty.${path}`. */
function severity(config: Config, key: string, path: string): IncidentSeverity {
  const value = config.getString(key);
  if (!INCIDENT_SEVERITIES.includes(value as IncidentSeverity)) {
    throw new Error(
      `stewardship.incidents.pagerduty.${path}.${key} must be one of ${INCIDENT_SEVERITIES.join(
        ', ',
      )}, not "${value}"`,
    );
  }
  return value as IncidentSeverity;
}

function severityMap(
  config: Config | undefined,
  key: string,
  defaults: Record<string, IncidentSeverity>,
) {
  const map = config?.getOptionalConfig(key);
  const result: Record<string, IncidentSeverity> = { ...defaults };
  for (const name of map?.keys() ?? []) {
    result[name] = severity(map!, name, `severity.${key}`);
  }
  return result;
}

/** Reads `stewardship.incidents.pagerduty`; a wrong severity name fails the start. */
export function readPagerDutySettings(config: Config): PagerDutySettings {
  const pd = config.getOptionalConfig('stewardship.incidents.pagerduty');
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
    webhookSecrets: (pd?.getOptionalStringArray('webhookSecrets') ?? []).filter(
      secret => secret.length > 0,
    ),
    priorities: severityMap(mapping, 'priorities', DEFAULTS.priorities),
    urgencies: severityMap(mapping, 'urgencies', DEFAULTS.urgencies),
    defaultSeverity: mapping?.has('default')
      ? severity(mapping, 'default', 'severity')
      : DEFAULTS.defaultSeverity,
    requestsPerMinute,
  };
}
