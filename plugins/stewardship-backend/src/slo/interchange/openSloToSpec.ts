import { SloSpec } from '@stewardship/backstage-plugin-stewardship-common';
import { ANNOTATIONS } from './annotations';
import { windowPeriodSeconds } from './burnRateTerms';
import { openSloAlertPolicies } from './openSloAlertPolicies';
import { ConvertedIndicator, openSloIndicator } from './openSloIndicator';
import { openSloObjective } from './openSloObjective';
import { openSloTimeWindow } from './openSloTimeWindow';
import { OpenSloIndex, OpenSloMetadata, OpenSloSlo } from './openSloTypes';
import { SloSpecParseOptions } from '../sloSpecSchema';
import { below, DocumentPath, ImportProblem, SpecDraft } from './SpecDraft';

/** What the import needs besides the documents. */
export interface ImportOptions {
  /** The entity of SLOs that name none (no annotation, no `spec.service`). */
  defaultEntityRef?: string;
  /** The metric source of metrics that name none (no `metricSourceRef`). */
  defaultMetricSource: string;
  /**
   * Why an SLI query is not one its SLO's metric source counts with (the source's own rules:
   * PromQL for Prometheus, a metric query for Datadog); without it, queries are checked as PromQL.
   */
  queryProblem?: SloSpecParseOptions['queryProblem'];
}

/** An SLO read from an import set, with where its name is (for duplicate problems). */
export interface ImportedSlo {
  spec: SloSpec;
  at: DocumentPath;
}

/**
 * Converts one OpenSLO v1 `SLO` document into our spec, resolving `indicatorRef`,
 * `alertPolicyRef` and `conditionRef` in `index`. Problems go to `problems`, with paths into the
 * documents; the result is undefined when there were any.
 *
 * The owning entity is the `stewardship.io/entity-ref` annotation, else `spec.service` read as a
 * component name, else `options.defaultEntityRef`.
 */
export function openSloToSpec(
  slo: OpenSloSlo,
  document: number,
  context: {
    index: OpenSloIndex;
    options: ImportOptions;
    problems: ImportProblem[];
  },
): ImportedSlo | undefined {
  const { index, options, problems } = context;
  const root = { document, path: '' };
  const draft = new SpecDraft(problems, root);
  const { metadata, spec } = slo;
  const annotations = metadata.annotations ?? {};
  const candidate: Record<string, unknown> = { name: metadata.name };
  draft.from('name', below(root, 'metadata', 'name'));

  if (annotations[ANNOTATIONS.entityRef] !== undefined) {
    candidate.entityRef = annotations[ANNOTATIONS.entityRef];
    draft.from(
      'entityRef',
      below(root, 'metadata', 'annotations', ANNOTATIONS.entityRef),
    );
  } else if (spec.service !== undefined) {
    candidate.entityRef = spec.service;
    draft.from('entityRef', below(root, 'spec', 'service'));
  } else if (options.defaultEntityRef !== undefined) {
    candidate.entityRef = options.defaultEntityRef;
  } else {
    draft.problem(
      below(root, 'spec', 'service'),
      `No owning entity: give spec.service (a component name) or the ${ANNOTATIONS.entityRef} annotation`,
      'entityRef',
    );
  }

  const description = spec.description ?? metadata.displayName;
  if (description !== undefined) {
    candidate.description = description;
    draft.from(
      'description',
      below(
        root,
        spec.description !== undefined ? 'spec' : 'metadata',
        spec.description !== undefined ? 'description' : 'displayName',
      ),
    );
  }

  const indicator = readIndicator(slo, root, index, draft);
  candidate.sli = indicator.sli;
  candidate.metricSource =
    indicator.metricSource?.name ?? options.defaultMetricSource;
  if (indicator.metricSource)
    draft.from('metricSource', indicator.metricSource.at);

  const timeWindow = openSloTimeWindow(
    spec.timeWindow,
    below(root, 'spec', 'timeWindow'),
    draft,
  );
  candidate.timeWindow = timeWindow;
  Object.assign(candidate, openSloObjective(spec, below(root, 'spec'), draft));
  candidate.alertPolicies = openSloAlertPolicies(
    spec.alertPolicies,
    below(root, 'spec', 'alertPolicies'),
    index,
    timeWindow && windowPeriodSeconds(timeWindow),
    draft,
  );
  candidate.labels = flattenLabels(metadata.labels);
  draft.from('labels', below(root, 'metadata', 'labels'));

  const minEvents = annotations[ANNOTATIONS.minEvents];
  if (minEvents !== undefined) {
    candidate.minEvents = Number(minEvents);
    draft.from(
      'minEvents',
      below(root, 'metadata', 'annotations', ANNOTATIONS.minEvents),
    );
  }

  const schedule = annotations[ANNOTATIONS.schedule];
  if (schedule !== undefined) {
    try {
      candidate.schedule = JSON.parse(schedule);
    } catch {
      // Left as text: the spec's validation then names the annotation as not a schedule.
      candidate.schedule = schedule;
    }
    draft.from(
      'schedule',
      below(root, 'metadata', 'annotations', ANNOTATIONS.schedule),
    );
  }

  const result = draft.validate(candidate, {
    queryProblem: options.queryProblem,
  });
  return result && { spec: result, at: below(root, 'metadata', 'name') };
}

function readIndicator(
  { spec }: OpenSloSlo,
  root: DocumentPath,
  index: OpenSloIndex,
  draft: SpecDraft,
): ConvertedIndicator {
  if (spec.indicator && spec.indicatorRef !== undefined) {
    draft.problem(
      below(root, 'spec', 'indicatorRef'),
      'Give indicator or indicatorRef, not both',
      'sli',
    );
    return {};
  }
  if (spec.indicator) {
    return openSloIndicator(
      spec.indicator.spec,
      below(root, 'spec', 'indicator', 'spec'),
      draft,
      {
        annotations: spec.indicator.metadata?.annotations,
        at: below(root, 'spec', 'indicator', 'metadata', 'annotations'),
      },
    );
  }
  if (spec.indicatorRef === undefined) {
    draft.problem(
      below(root, 'spec'),
      'Give an indicator or an indicatorRef',
      'sli',
    );
    return {};
  }
  const found = index.slis.get(spec.indicatorRef);
  if (!found) {
    draft.problem(
      below(root, 'spec', 'indicatorRef'),
      `No SLI named "${spec.indicatorRef}" in these documents`,
      'sli',
    );
    return {};
  }
  return openSloIndicator(
    found.value.spec,
    { document: found.document, path: 'spec' },
    draft,
    {
      annotations: found.value.metadata.annotations,
      at: { document: found.document, path: 'metadata.annotations' },
    },
  );
}

/** OpenSLO label values may be lists; ours are strings, so lists are joined with `,`. */
function flattenLabels(
  labels: OpenSloMetadata['labels'],
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(labels ?? {}).map(([key, value]) => [
      key,
      Array.isArray(value) ? value.map(String).join(',') : String(value),
    ]),
  );
}
