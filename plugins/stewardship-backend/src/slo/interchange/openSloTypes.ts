/*
 * The parts of the OpenSLO v1 documents (https://github.com/OpenSLO/OpenSLO, `openslo/v1`) that
 * the import reads. Objects are not strict: OpenSLO files carry fields we have no use for
 * (notification targets, connection details), and rejecting them would reject valid files.
 * Fields we cannot honour are declared here so the import can name them in a problem.
 */
import { z } from 'zod/v4';

const labelScalar = z.union([z.string(), z.number(), z.boolean()]);

export const openSloMetadata = z.object({
  name: z.string().min(1),
  displayName: z.string().optional(),
  /** OpenSLO allows a list of values per label; the import joins them with `,`. */
  labels: z
    .record(z.string(), z.union([labelScalar, z.array(labelScalar)]))
    .optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

const metric = z.object({
  metricSource: z.object({
    /** Names a `DataSource`; maps to our `metricSource`. */
    metricSourceRef: z.string().min(1).optional(),
    type: z.string().optional(),
    /** Source-specific; we read `query` (or `promql`). */
    spec: z.record(z.string(), z.unknown()).default({}),
  }),
});

export const openSloSliSpec = z.object({
  description: z.string().optional(),
  thresholdMetric: z.unknown().optional(),
  ratioMetric: z
    .object({
      counter: z.boolean().optional(),
      good: metric.optional(),
      bad: metric.optional(),
      total: metric.optional(),
      raw: z.unknown().optional(),
      rawType: z.string().optional(),
    })
    .optional(),
});

const conditionSpec = z.object({
  description: z.string().optional(),
  severity: z.string().min(1),
  condition: z.object({
    kind: z.string(),
    op: z.string(),
    threshold: z.number(),
    lookbackWindow: z.string(),
    /** How long the condition must hold; our engine has no such delay, so it is not read. */
    alertAfter: z.string().optional(),
  }),
});

const alertPolicySpec = z.object({
  description: z.string().optional(),
  alertWhenNoData: z.boolean().optional(),
  alertWhenResolved: z.boolean().optional(),
  alertWhenBreaching: z.boolean().optional(),
  conditions: z
    .array(
      z.object({
        conditionRef: z.string().min(1).optional(),
        kind: z.literal('AlertCondition').optional(),
        metadata: openSloMetadata.optional(),
        spec: conditionSpec.optional(),
      }),
    )
    .min(1),
});

const objective = z.object({
  displayName: z.string().optional(),
  op: z.string().optional(),
  value: z.number().optional(),
  target: z.number().optional(),
  targetPercent: z.number().optional(),
  timeSliceTarget: z.number().optional(),
  /** A duration, or a number of seconds. */
  timeSliceWindow: z.union([z.string(), z.number()]).optional(),
  indicator: z.unknown().optional(),
  indicatorRef: z.string().optional(),
});

const timeWindow = z.object({
  duration: z.string(),
  isRolling: z.boolean().optional(),
  calendar: z
    .object({
      startTime: z.unknown().optional(),
      timeZone: z.string().optional(),
    })
    .optional(),
});

export const openSloSloSpec = z.object({
  description: z.string().optional(),
  service: z.string().min(1).optional(),
  indicator: z
    .object({
      metadata: openSloMetadata.partial().optional(),
      spec: openSloSliSpec,
    })
    .optional(),
  indicatorRef: z.string().min(1).optional(),
  timeWindow: z.array(timeWindow).min(1),
  budgetingMethod: z
    .enum(['Occurrences', 'Timeslices', 'RatioTimeslices'])
    .default('Occurrences'),
  objectives: z.array(objective).min(1),
  alertPolicies: z
    .array(
      z.object({
        alertPolicyRef: z.string().min(1).optional(),
        kind: z.literal('AlertPolicy').optional(),
        metadata: openSloMetadata.optional(),
        spec: alertPolicySpec.optional(),
      }),
    )
    .default([]),
});

function document<K extends string, S extends z.ZodType>(kind: K, spec: S) {
  return z.object({
    apiVersion: z.literal('openslo/v1'),
    kind: z.literal(kind),
    metadata: openSloMetadata,
    spec,
  });
}

/** The OpenSLO v1 kinds the import reads, by kind. */
export const openSloDocumentSchemas = {
  SLO: document('SLO', openSloSloSpec),
  SLI: document('SLI', openSloSliSpec),
  DataSource: document(
    'DataSource',
    z.object({ type: z.string().optional() }).default({}),
  ),
  AlertPolicy: document('AlertPolicy', alertPolicySpec),
  AlertCondition: document('AlertCondition', conditionSpec),
};

/** OpenSLO v1 kinds that are valid in a file but carry nothing we import. */
export const IGNORED_OPENSLO_KINDS = ['Service', 'AlertNotificationTarget'];

export type OpenSloKind = keyof typeof openSloDocumentSchemas;
export type OpenSloSlo = z.output<typeof openSloDocumentSchemas.SLO>;
export type OpenSloSliSpec = z.output<typeof openSloSliSpec>;
export type OpenSloMetric = z.output<typeof metric>;
export type OpenSloAlertPolicyItem =
  OpenSloSlo['spec']['alertPolicies'][number];
export type OpenSloAlertPolicySpec = z.output<typeof alertPolicySpec>;
export type OpenSloAlertConditionSpec = z.output<typeof conditionSpec>;
export type OpenSloMetadata = z.output<typeof openSloMetadata>;

/** An OpenSLO document of one kind, found by name in the import set. */
export interface IndexedDocument<T> {
  /** Index of the document in the YAML stream. */
  document: number;
  value: T;
}

/** The named documents of an import set, for resolving `indicatorRef`, `alertPolicyRef`, `conditionRef`. */
export interface OpenSloIndex {
  slis: Map<
    string,
    IndexedDocument<z.output<typeof openSloDocumentSchemas.SLI>>
  >;
  alertPolicies: Map<
    string,
    IndexedDocument<z.output<typeof openSloDocumentSchemas.AlertPolicy>>
  >;
  alertConditions: Map<
    string,
    IndexedDocument<z.output<typeof openSloDocumentSchemas.AlertCondition>>
  >;
}
