import { OpenSloMetric, OpenSloSliSpec } from './openSloTypes';
import { ANNOTATIONS } from './annotations';
import { below, childPath, DocumentPath, SpecDraft } from './SpecDraft';
import { latencyThreshold, thresholdBucketMismatch } from '../histogramBuckets';

/** What an OpenSLO indicator gives an SLO: its SLI and the metric source it names. */
export interface ConvertedIndicator {
  sli?: Record<string, unknown>;
  /** The `metricSourceRef` the metrics name, if any. */
  metricSource?: { name: string; at: DocumentPath };
}

/**
 * Converts an OpenSLO SLI (`at` is the path of its `spec`) into our SLI. OpenSLO writes a latency
 * objective as a ratio whose good events are one histogram bucket (`le="0.3"`), so such a ratio
 * becomes a latency SLI with that threshold, unless the indicator's annotations (written by our
 * export) say which it is: `stewardship.io/sli-type` and `stewardship.io/latency-threshold-seconds`.
 */
export function openSloIndicator(
  spec: OpenSloSliSpec,
  at: DocumentPath,
  draft: SpecDraft,
  metadata: {
    annotations?: Record<string, string>;
    /** Where the annotations are. */
    at: DocumentPath;
  },
): ConvertedIndicator {
  const here = (...keys: PropertyKey[]) => ({
    document: at.document,
    path: childPath(at.path, ...keys),
  });
  draft.from('sli', at);
  const ratio = spec.ratioMetric;
  if (spec.thresholdMetric !== undefined || !ratio) {
    draft.problem(
      here(
        spec.thresholdMetric !== undefined ? 'thresholdMetric' : 'ratioMetric',
      ),
      'Only ratioMetric indicators (good or bad events over total events) are supported',
      'sli',
    );
    return {};
  }
  if (ratio.raw !== undefined) {
    draft.problem(
      here('ratioMetric', 'raw'),
      'Precomputed ratios (raw) are not supported; give good or bad and total event counts',
      'sli',
    );
    return {};
  }
  if ((ratio.good === undefined) === (ratio.bad === undefined)) {
    draft.problem(
      here('ratioMetric'),
      'Give exactly one of good and bad',
      'sli',
    );
  }
  if (!ratio.total) {
    draft.problem(
      here('ratioMetric', 'total'),
      'total is required',
      'sli.total',
    );
  }

  const result: ConvertedIndicator = {};
  const queries: Record<string, string | undefined> = {};
  for (const field of ['good', 'bad', 'total'] as const) {
    const metric = ratio[field];
    if (metric) {
      queries[field] = readMetric(
        metric,
        here('ratioMetric', field),
        field,
        draft,
        result,
      );
    }
  }
  const latency = latencyOf(queries, draft, metadata);
  result.sli = latency
    ? {
        type: 'latency',
        thresholdSeconds: latency.thresholdSeconds,
        good: queries.good,
        total: queries.total,
      }
    : { type: 'ratio', ...queries };
  return result;
}

/**
 * The latency threshold when the indicator is a latency SLI (as its annotations say, else as its
 * good-events query suggests); undefined for a ratio or when a problem was recorded.
 */
function latencyOf(
  queries: Record<string, string | undefined>,
  draft: SpecDraft,
  metadata: { annotations?: Record<string, string>; at: DocumentPath },
): { thresholdSeconds: number } | undefined {
  const annotations = metadata.annotations ?? {};
  const type = annotations[ANNOTATIONS.sliType];
  const written = annotations[ANNOTATIONS.latencyThreshold];
  const guessed = queries.good ? latencyThreshold(queries.good) : undefined;
  if (type !== undefined && type !== 'ratio' && type !== 'latency') {
    draft.problem(
      below(metadata.at, ANNOTATIONS.sliType),
      'Must be ratio or latency',
      'sli.type',
    );
    return undefined;
  }
  if (type === 'ratio') return undefined;
  if (written !== undefined) {
    const seconds = Number(written);
    if (!(Number.isFinite(seconds) && seconds > 0) || !written.trim()) {
      draft.problem(
        below(metadata.at, ANNOTATIONS.latencyThreshold),
        'Must be a number of seconds greater than 0, e.g. 0.3',
        'sli.thresholdSeconds',
      );
      return undefined;
    }
    // Said here, at the annotation that is wrong, rather than by the spec's check.
    const mismatch =
      queries.good && thresholdBucketMismatch(seconds, queries.good);
    if (mismatch) {
      draft.problem(
        below(metadata.at, ANNOTATIONS.latencyThreshold),
        mismatch,
        'sli.thresholdSeconds',
      );
      return undefined;
    }
    return { thresholdSeconds: seconds };
  }
  if (guessed !== undefined) return { thresholdSeconds: guessed };
  if (type === 'latency') {
    draft.problem(
      below(metadata.at, ANNOTATIONS.latencyThreshold),
      'A latency indicator needs its threshold: write it here in seconds, or count good events with one histogram bucket (le="0.3")',
      'sli.thresholdSeconds',
    );
  }
  return undefined;
}

function readMetric(
  metric: OpenSloMetric,
  at: DocumentPath,
  field: string,
  draft: SpecDraft,
  result: ConvertedIndicator,
): string | undefined {
  const source = metric.metricSource;
  const sourceAt = {
    document: at.document,
    path: childPath(at.path, 'metricSource'),
  };
  const ref = source.metricSourceRef;
  if (
    ref !== undefined &&
    result.metricSource &&
    result.metricSource.name !== ref
  ) {
    draft.problem(
      { ...sourceAt, path: childPath(sourceAt.path, 'metricSourceRef') },
      `All metrics of an SLO must come from one metric source; found "${result.metricSource.name}" and "${ref}"`,
      'metricSource',
    );
  } else if (ref !== undefined) {
    result.metricSource = {
      name: ref,
      at: { ...sourceAt, path: childPath(sourceAt.path, 'metricSourceRef') },
    };
  }
  const key =
    'query' in source.spec || !('promql' in source.spec) ? 'query' : 'promql';
  const query = source.spec[key];
  if (typeof query !== 'string') {
    draft.problem(
      { ...sourceAt, path: childPath(sourceAt.path, 'spec', key) },
      'Give the query as a string in metricSource.spec.query (or spec.promql)',
      `sli.${field}`,
    );
    return undefined;
  }
  draft.from(`sli.${field}`, {
    ...sourceAt,
    path: childPath(sourceAt.path, 'spec', key),
  });
  return query;
}
