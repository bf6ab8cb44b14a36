/*
 * Sloth-style Prometheus rules for our SLO specs: the multiwindow, multi-burn-rate rule set that
 * `sloth generate` writes for an SLO (https://sloth.dev), so the cost benchmark can load the same
 * SLOs into Prometheus the way a team using Sloth would. Per SLO, three groups:
 *
 * - SLI recordings `slo:sli_error:ratio_rate<w>` for w in 5m, 30m, 1h, 2h, 6h, 1d, 3d (error rate ÷
 *   total rate from the raw counters) and for the SLO period, which Sloth computes from the 5m
 *   recording (sum_over_time ÷ count_over_time) instead of the raw counters;
 * - metadata recordings (objective, error budget, period in days, current and period burn rate,
 *   budget remaining, info);
 * - the page (14.4× over 5m and 1h, 6× over 30m and 6h) and ticket (3× over 2h and 1d, 1× over 6h
 *   and 3d) alerts.
 *
 * Sloth has no timeslices and only rolling periods: a timeslices SLO becomes a ratio SLO, a
 * calendar month 30d and a quarter 90d. Sloth's SLIs are an error query and a total query, so
 * good/total SLIs become (total − good) / total.
 */
import {
  SloSpec,
  parseDuration,
} from '@stewardship/backstage-plugin-stewardship-common';
import { stringify } from 'yaml';

/** The labels that identify an SLO's series. */
export function slothLabels(spec: SloSpec): Record<string, string> {
  const service = spec.entityRef.replace(/^.*\//, '');
  return {
    sloth_id: `${service}-${spec.name}`,
    sloth_service: service,
    sloth_slo: spec.name,
  };
}

/** The SLO period as Sloth would have it. */
export function slothPeriod(spec: SloSpec): string {
  const window = spec.timeWindow;
  if (window.type === 'rolling') return window.duration;
  return window.unit === 'quarter' ? '90d' : '30d';
}

/** The kind of error ratio an SLO's SLI measures, for backfilling its 5m recording. */
export function slothErrorKind(spec: SloSpec): 'errors' | 'slow' {
  return spec.sli.type === 'latency' ? 'slow' : 'errors';
}

const SLI_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'];
const PAGE = { factor: 14.4, quick: ['5m', '1h'], slow: ['30m', '6h'] };
const TICKET = {
  factor: 3,
  slowFactor: 1,
  quick: ['2h', '1d'],
  slow: ['6h', '3d'],
};

function filter(labels: Record<string, string>): string {
  return `{${Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(', ')}}`;
}

/** Error and total queries with Sloth's `{{.window}}` placeholder. */
function slothQueries(spec: SloSpec): { error: string; total: string } {
  const sli = spec.sli;
  const rate = (query: string) =>
    /\{\{\s*\.window\s*\}\}/.test(query)
      ? query
      : `sum(rate(${query}[{{.window}}]))`;
  if (sli.type === 'ratio' && sli.bad !== undefined) {
    return { error: rate(sli.bad), total: rate(sli.total) };
  }
  return {
    error: `${rate(sli.total)} - ${rate(sli.good!)}`,
    total: rate(sli.total),
  };
}

/** The three rule groups of one SLO. */
export function slothRuleGroups(spec: SloSpec): object[] {
  const ids = slothLabels(spec);
  const sel = filter(ids);
  const period = slothPeriod(spec);
  const { error, total } = slothQueries(spec);
  const budget = 1 - spec.objective;
  const sliRules: object[] = SLI_WINDOWS.map(window => ({
    record: `slo:sli_error:ratio_rate${window}`,
    expr: `(${error.replace(
      /\{\{\s*\.window\s*\}\}/g,
      window,
    )})\n/\n(${total.replace(/\{\{\s*\.window\s*\}\}/g, window)})\n`,
    labels: { ...ids, sloth_window: window },
  }));
  sliRules.push({
    record: `slo:sli_error:ratio_rate${period}`,
    expr: `sum_over_time(slo:sli_error:ratio_rate5m${sel}[${period}])\n/ ignoring (sloth_window)\ncount_over_time(slo:sli_error:ratio_rate5m${sel}[${period}])\n`,
    labels: { sloth_window: period },
  });
  const burnRate = (metric: string) =>
    `${metric}${sel}\n/ on(sloth_id, sloth_slo, sloth_service) group_left\nslo:error_budget:ratio${sel}\n`;
  const metaRules = [
    { record: 'slo:objective:ratio', expr: `vector(${spec.objective})` },
    { record: 'slo:error_budget:ratio', expr: `vector(1-${spec.objective})` },
    {
      record: 'slo:time_period:days',
      expr: `vector(${parseDuration(period)! / 86400})`,
    },
    {
      record: 'slo:current_burn_rate:ratio',
      expr: burnRate('slo:sli_error:ratio_rate5m'),
    },
    {
      record: 'slo:period_burn_rate:ratio',
      expr: burnRate(`slo:sli_error:ratio_rate${period}`),
    },
    {
      record: 'slo:period_error_budget_remaining:ratio',
      expr: `1 - slo:period_burn_rate:ratio${sel}`,
    },
  ].map(rule => ({ ...rule, labels: ids }));
  metaRules.push({
    record: 'sloth_slo_info',
    expr: 'vector(1)',
    labels: {
      ...ids,
      sloth_mode: 'cli-gen-prom',
      sloth_objective: String(spec.objective * 100),
    } as typeof ids,
  });
  const alert = (
    name: string,
    severity: string,
    quick: string[],
    slow: string[],
    quickFactor: number,
    slowFactor: number,
  ) => {
    const over = (window: string, factor: number) =>
      `(slo:sli_error:ratio_rate${window}${sel} > (${factor} * ${budget}))`;
    return {
      alert: name,
      expr: `(\n    ${over(
        quick[0],
        quickFactor,
      )}\n    and ignoring (sloth_window)\n    ${over(
        quick[1],
        quickFactor,
      )}\n)\nor ignoring (sloth_window)\n(\n    ${over(
        slow[0],
        slowFactor,
      )}\n    and ignoring (sloth_window)\n    ${over(
        slow[1],
        slowFactor,
      )}\n)\n`,
      labels: { sloth_severity: severity },
    };
  };
  return [
    { name: `sloth-slo-sli-recordings-${ids.sloth_id}`, rules: sliRules },
    { name: `sloth-slo-meta-recordings-${ids.sloth_id}`, rules: metaRules },
    {
      name: `sloth-slo-alerts-${ids.sloth_id}`,
      rules: [
        alert('SloPage', 'page', PAGE.quick, PAGE.slow, PAGE.factor, 6),
        alert(
          'SloTicket',
          'ticket',
          TICKET.quick,
          TICKET.slow,
          TICKET.factor,
          TICKET.slowFactor,
        ),
      ],
    },
  ];
}

/** A Prometheus rule file with the rule groups of every SLO. */
export function slothRuleFile(specs: SloSpec[]): string {
  return stringify({ groups: specs.flatMap(slothRuleGroups) });
}
