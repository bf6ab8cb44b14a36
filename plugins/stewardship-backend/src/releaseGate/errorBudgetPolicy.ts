/*
 * The error-budget policy from config (`stewardship.errorBudgetPolicy`) and its per-entity
 * overrides from annotations. A bad config value fails the backend's start (an operator error);
 * a bad annotation is catalog data, so it is ignored and reported in the gate's answer instead.
 */
import { Config } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import {
  DEFAULT_ERROR_BUDGET_POLICY,
  ErrorBudgetPolicy,
  RELEASE_GATE_DECISIONS,
  ReleaseGateDecision,
} from '@stewardship/backstage-plugin-stewardship-common';

/** The policy's decision keys and the annotation that overrides each. */
export const POLICY_ANNOTATIONS = {
  exhausted: 'stewardship.io/release-gate-exhausted',
  atRisk: 'stewardship.io/release-gate-at-risk',
  noData: 'stewardship.io/release-gate-no-data',
  noSlos: 'stewardship.io/release-gate-no-slos',
} as const;

/** `key=value,key=value`: only SLOs with all these labels count. */
export const SLO_LABELS_ANNOTATION = 'stewardship.io/release-gate-slo-labels';

/** The policy and how long an override may last. */
export interface ReleaseGateSettings {
  policy: ErrorBudgetPolicy;
  maxOverrideMs: number;
}

const DEFAULT_MAX_OVERRIDE_DAYS = 7;

const isDecision = (value: unknown): value is ReleaseGateDecision =>
  RELEASE_GATE_DECISIONS.includes(value as ReleaseGateDecision);

const SLO_LABELS_KEY = 'stewardship.errorBudgetPolicy.sloLabels';

/**
 * `sloLabels`, read as a plain object: its keys are label names, not config paths, and a label
 * such as `slo.acme.io/tier` (dots, a slash) would fail Backstage's config-key check ("Invalid
 * config key") if read through `getString`. Each value must be a label value, a non-empty string.
 */
function readSloLabels(section: Config | undefined): Record<string, string> {
  const raw = section?.getOptional('sloLabels');
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Error(
      `Invalid ${SLO_LABELS_KEY}: expected label names and values, e.g. { tier: critical }`,
    );
  }
  const labels: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value !== 'string' || value.trim() === '') {
      throw new Error(
        `Invalid ${SLO_LABELS_KEY}[${JSON.stringify(
          name,
        )}]: expected the label's value, a non-empty string, got ${JSON.stringify(
          value,
        )}`,
      );
    }
    labels[name] = value;
  }
  return labels;
}

export function readReleaseGateSettings(config: Config): ReleaseGateSettings {
  const section = config.getOptionalConfig('stewardship.errorBudgetPolicy');
  const policy: ErrorBudgetPolicy = {
    ...DEFAULT_ERROR_BUDGET_POLICY,
    sloLabels: {},
  };
  for (const key of Object.keys(POLICY_ANNOTATIONS) as Array<
    keyof typeof POLICY_ANNOTATIONS
  >) {
    const value = section?.getOptionalString(key);
    if (value === undefined) continue;
    if (!isDecision(value)) {
      throw new Error(
        `Invalid stewardship.errorBudgetPolicy.${key} "${value}": use allow, warn or block`,
      );
    }
    policy[key] = value;
  }
  policy.sloLabels = readSloLabels(section);
  const days =
    section?.getOptionalNumber('maxOverrideDays') ?? DEFAULT_MAX_OVERRIDE_DAYS;
  if (!(days > 0 && days <= 365)) {
    throw new Error(
      `Invalid stewardship.errorBudgetPolicy.maxOverrideDays ${days}: more than 0 and at most 365`,
    );
  }
  return { policy, maxOverrideMs: days * 86_400_000 };
}

/**
 * The entity's policy: the configured one with the entity's annotations applied. Annotations
 * that are not valid are left out and described in `problems`.
 */
export function policyForEntity(
  base: ErrorBudgetPolicy,
  entity: Entity,
): { policy: ErrorBudgetPolicy; problems: string[] } {
  const annotations = entity.metadata.annotations ?? {};
  const policy = { ...base, sloLabels: { ...base.sloLabels } };
  const problems: string[] = [];
  for (const [key, annotation] of Object.entries(POLICY_ANNOTATIONS) as Array<
    [keyof typeof POLICY_ANNOTATIONS, string]
  >) {
    const value = annotations[annotation];
    if (value === undefined) continue;
    if (isDecision(value.trim())) {
      policy[key] = value.trim() as ReleaseGateDecision;
    } else {
      problems.push(
        `Annotation ${annotation} is "${value}"; use allow, warn or block. The configured ${key} (${base[key]}) applies.`,
      );
    }
  }
  const labels = annotations[SLO_LABELS_ANNOTATION];
  if (labels !== undefined) {
    const pairs = labels
      .split(',')
      .map(pair => pair.trim())
      .filter(Boolean)
      .map(pair => pair.split('='));
    if (
      pairs.length > 0 &&
      pairs.every(p => p.length === 2 && p[0].trim() && p[1].trim())
    ) {
      policy.sloLabels = Object.fromEntries(
        pairs.map(([k, v]) => [k.trim(), v.trim()]),
      );
    } else {
      problems.push(
        `Annotation ${SLO_LABELS_ANNOTATION} is "${labels}"; write key=value pairs separated by commas, e.g. "tier=critical". The configured labels apply.`,
      );
    }
  }
  return { policy, problems };
}
