import { Config, ConfigReader } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import {
  ReadConfigDurationOptions,
  readConfigDuration,
} from '../lib/readConfigDuration';
import { BACKLOG_TOP_N_DEFAULT } from '@stewardship/backstage-plugin-stewardship-common';

/** The backlog's settings from `stewardship.backlog`, with defaults. */
export interface BacklogSettings {
  /** How many top-ranked items the age and reliability figures look at. */
  topN: number;
  /** How long one entity's backlog is reused per caller; 0 turns the cache off. */
  cacheTtlMs: number;
  /** How long one provider may take for one entity, all its pages together. */
  timeoutMs: number;
  /** Open items read per provider and entity at most. */
  maxItems: number;
  /** Tracker issue types that are reliability work, lower-cased. */
  reliabilityTypes: string[];
  /** Tracker labels that are reliability work, lower-cased. */
  reliabilityLabels: string[];
  /** Tracker status names that mean "not triaged yet", lower-cased. */
  untriagedStatuses: string[];
  /** Labels that mean "not triaged yet", lower-cased. */
  untriagedLabels: string[];
}

const KEY = 'stewardship.backlog';

function durationMs(
  config: Config | undefined,
  key: string,
  fallback: string,
  options?: ReadConfigDurationOptions,
) {
  const holder = config?.has(key)
    ? config
    : new ConfigReader({ [key]: fallback });
  const ms = durationToMilliseconds(
    readConfigDuration(holder, key, `${KEY}.${key}`, options),
  );
  if (!Number.isFinite(ms) || ms < 0) {
    throw new Error(`${KEY}.${key} must be a duration of 0 or more`);
  }
  return ms;
}

function positiveInteger(
  config: Config | undefined,
  key: string,
  fallback: number,
) {
  const value = config?.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${KEY}.${key} must be a positive integer, got ${value}`);
  }
  return value;
}

const lower = (values: string[]) => values.map(v => v.toLowerCase());

/** Reads `stewardship.backlog`; throws at startup for invalid values, naming the key. */
export function readBacklogSettings(root: Config): BacklogSettings {
  const config = root.getOptionalConfig(KEY);
  // Waited for by a timer (BacklogService), so no longer than one can wait.
  const timeoutMs = durationMs(config, 'timeout', '10s', { timer: true });
  if (timeoutMs === 0) {
    throw new Error(`${KEY}.timeout must be longer than zero`);
  }
  return {
    topN: positiveInteger(config, 'topN', BACKLOG_TOP_N_DEFAULT),
    cacheTtlMs: durationMs(config, 'cacheTtl', '60s'),
    timeoutMs,
    maxItems: positiveInteger(config, 'maxItems', 500),
    reliabilityTypes: lower(
      config?.getOptionalStringArray('reliability.issueTypes') ?? [
        'Bug',
        'Incident',
      ],
    ),
    reliabilityLabels: lower(
      config?.getOptionalStringArray('reliability.labels') ?? [
        'reliability',
        'slo',
        'incident',
      ],
    ),
    untriagedStatuses: lower(
      config?.getOptionalStringArray('untriaged.statuses') ?? [
        'Untriaged',
        'Needs Triage',
        'Triage',
      ],
    ),
    untriagedLabels: lower(
      config?.getOptionalStringArray('untriaged.labels') ?? [
        'needs-triage',
        'triage',
        'untriaged',
      ],
    ),
  };
}
