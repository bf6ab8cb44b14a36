import { OpenSloMetric, OpenSloSliSpec } from './openSloTypes';
import { childPath, DocumentPath, SpecDraft } from './SpecDraft';

// A histogram bucket selected at one threshold: `…_bucket{…le="0.3"…}`.
const BUCKET = /[A-Za-z_:][\w:]*_bucket\s*\{[^}]*\ble\s*=\s*"([^"]+)"/;

/** The latency threshold a good-events query selects, if it counts one histogram bucket. */
export function latencyThreshold(goodQuery: string): number | undefined {
  const le = BUCKET.exec(goodQuery)?.[1];
  const seconds = le === undefined ? NaN : Number(le);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

/** What an OpenSLO indicator gives an SLO: its SLI and the metric source it names. */
export interface ConvertedIndicator {
  sli?: Record<string, unknown>;
  /** The `metricSourceRef` the metrics name, if any. */
  metricSource?: { name: string; at: DocumentPath };
}

/**
 * Converts an OpenSLO SLI (`at` is the path of its `spec`) into our SLI. A ratio whose good
 * events are one histogram bucket (`le="0.3"`) becomes a latency SLI: that is how OpenSLO writes
 * latency objectives, and the threshold is what our latency SLI is about.
 */
export function openSloIndicator(
  spec: OpenSloSliSpec,
  at: DocumentPath,
  draft: SpecDraft,
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
  const threshold = queries.good ? latencyThreshold(queries.good) : undefined;
  result.sli =
    threshold !== undefined
      ? {
          type: 'latency',
          thresholdSeconds: threshold,
          good: queries.good,
          total: queries.total,
        }
      : { type: 'ratio', ...queries };
  return result;
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
