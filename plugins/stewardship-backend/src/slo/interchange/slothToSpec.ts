import { PerSecondWindowCall, perSecondWindowCalls } from '../sloSpecSchema';
import { SRE_WORKBOOK_POLICIES } from './burnRateTerms';
import { percentToFraction } from './openSloObjective';
import { ImportedSlo, ImportOptions } from './openSloToSpec';
import { SlothServiceLevel, SlothSlo, SlothStyle } from './slothTypes';
import { below, DocumentPath, ImportProblem, SpecDraft } from './SpecDraft';

/**
 * Converts a Sloth service level (`at` is its path: the document, or the custom resource's
 * `spec`; `style` its spelling) into one SLO per entry of `slos`. Sloth windows are 30 days unless
 * the generator is told otherwise, so every SLO gets a rolling `30d` window. The entity is the
 * `service` as a component, else `options.defaultEntityRef`; queries come from
 * `options.defaultMetricSource`. The service's and the SLO's `labels` become the SLO's labels
 * (the SLO's win). Its `rate(…[{{.window}}])` queries become `increase(…[{{.window}}])` (see
 * countingQuery); Sloth's alert names, alert labels and annotations, `infoLabels` and `interval`
 * shape the Prometheus rules Sloth generates and have no Stewardship counterpart: not imported.
 */
export function slothToSpec(
  level: SlothServiceLevel,
  at: DocumentPath,
  style: SlothStyle,
  options: ImportOptions,
  problems: ImportProblem[],
): ImportedSlo[] {
  return level.slos.flatMap((slo, i) => {
    const here = below(at, 'slos', i);
    const draft = new SpecDraft(problems, here);
    const candidate: Record<string, unknown> = {
      name: slo.name,
      objective: readObjective(slo.objective, below(here, 'objective'), draft),
      description: slo.description,
      timeWindow: { type: 'rolling', duration: '30d' },
      budgetingMethod: 'occurrences',
      metricSource: options.defaultMetricSource,
      labels: { ...level.labels, ...slo.labels },
    };
    draft.from('name', below(here, 'name'));
    draft.from('objective', below(here, 'objective'));
    draft.from('description', below(here, 'description'));
    draft.from('labels', below(at, 'labels'));

    candidate.entityRef = level.service ?? options.defaultEntityRef;
    if (level.service !== undefined) {
      draft.from('entityRef', below(at, 'service'));
    } else if (options.defaultEntityRef === undefined) {
      draft.problem(
        below(at, 'service'),
        'No owning entity: give service (a component name)',
        'entityRef',
      );
    }

    candidate.sli = readSli(slo, here, style, draft);
    candidate.alertPolicies = readAlerting(slo, here, style, draft);
    const result = draft.validate(candidate, {
      queryProblem: options.queryProblem,
    });
    return result ? [{ spec: result, at: below(here, 'name') }] : [];
  });
}

/**
 * Sloth objectives are percentages in (0, 100]; Stewardship's are fractions below 1, as an SLO of
 * 100 % has no error budget to burn. Out-of-range objectives are said in percent, as written.
 */
function readObjective(percent: number, at: DocumentPath, draft: SpecDraft) {
  if (percent > 0 && percent < 100) return percentToFraction(percent);
  draft.problem(
    at,
    percent === 100
      ? 'An objective of 100 (percent) leaves no error budget: Stewardship needs an objective below 100, e.g. 99.9'
      : `Sloth objectives are percentages above 0 and at most 100, e.g. 99.9 (got ${percent})`,
    'objective',
  );
  return undefined;
}

function readSli(
  slo: SlothSlo,
  at: DocumentPath,
  style: SlothStyle,
  draft: SpecDraft,
) {
  const { events } = slo.sli;
  const [errorQuery, totalQuery] =
    style === 'prometheus/v1'
      ? ['error_query', 'total_query']
      : ['errorQuery', 'totalQuery'];
  if (!events) {
    const form = slo.sli.raw !== undefined ? 'raw' : 'plugin';
    draft.problem(
      below(at, 'sli', form),
      `Sloth ${form} SLIs are not supported: Stewardship needs event counts, so write sli.events with ${errorQuery} and ${totalQuery}`,
      'sli',
    );
    return undefined;
  }
  const badAt = below(at, 'sli', 'events', errorQuery);
  const totalAt = below(at, 'sli', 'events', totalQuery);
  draft.from('sli.bad', badAt);
  draft.from('sli.total', totalAt);
  return {
    type: 'ratio',
    bad: countingQuery(events.errorQuery, badAt, 'sli.bad', draft),
    total: countingQuery(events.totalQuery, totalAt, 'sli.total', draft),
  };
}

/**
 * A Sloth event query as one that counts events. Sloth's examples write
 * `sum(rate(x[{{.window}}]))`: its rules divide one such rate by another, so the per-second factor
 * cancels out, but Stewardship reads each query as the number of events in the window. Over the
 * same range `increase` is `rate` times the range, so it is put in `rate`'s place: the ratio is
 * unchanged and the numbers become counts. `irate` (the last two samples' rate) has no such
 * counterpart: a problem naming the field.
 */
function countingQuery(
  query: string,
  at: DocumentPath,
  specPath: string,
  draft: SpecDraft,
): string {
  const calls = perSecondWindowCalls(query);
  if (calls.some(call => call.name === 'irate')) {
    draft.problem(
      at,
      'irate(…[{{.window}}]) is the rate between the last two samples, from which no count of ' +
        "the window's events can be made: write increase(…[{{.window}}]) (a count) or " +
        'rate(…[{{.window}}]), which the import turns into increase',
      specPath,
    );
    return query;
  }
  return calls.reduceRight(asIncrease, query);
}

function asIncrease(query: string, call: PerSecondWindowCall): string {
  const rest = query.slice(call.index + call.name.length);
  return `${query.slice(0, call.index)}increase${rest}`;
}

/**
 * Sloth generates the SRE Workbook's alerts: page alerts (the fast burns) and ticket alerts (the
 * slow burn), each of which can be disabled. Both enabled is our preset; one of them gives its
 * part of the preset in budget terms. With both disabled Sloth alerts on nothing, which we cannot
 * express (no policies means the preset), so that is a problem rather than silently paging.
 */
function readAlerting(
  slo: SlothSlo,
  at: DocumentPath,
  style: SlothStyle,
  draft: SpecDraft,
) {
  const page = !slo.alerting?.pageAlert?.disable;
  const ticket = !slo.alerting?.ticketAlert?.disable;
  draft.from('alertPolicies', below(at, 'alerting'));
  const [pageAlert, ticketAlert] =
    style === 'prometheus/v1'
      ? ['page_alert', 'ticket_alert']
      : ['pageAlert', 'ticketAlert'];
  if (page && ticket) return [{ preset: 'sre-workbook' }];
  if (!page && !ticket) {
    draft.problem(
      below(at, 'alerting'),
      `Both alerts are disabled (${pageAlert}, ${ticketAlert}); Stewardship always alerts (no policies means the SRE Workbook preset). Enable at least one`,
      'alertPolicies',
    );
    return [];
  }
  return SRE_WORKBOOK_POLICIES.filter(p =>
    p.severity === 'page' ? page : ticket,
  ).map(p => ({ ...p }));
}
