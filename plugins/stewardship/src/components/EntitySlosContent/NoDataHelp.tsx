import Typography from '@material-ui/core/Typography';
import {
  SloDefinition,
  SloEvaluationSummary,
} from '@stewardship/backstage-plugin-stewardship-common';
import { formatInstant } from '../formatSlo';
import { PlainCodeSnippet } from '../PlainCodeSnippet';

/** The `stewardship.metricSources` entry an SLO needs, ready to paste into app-config.yaml. */
export function metricSourceSnippet(name: string): string {
  return [
    'stewardship:',
    '  metricSources:',
    `    ${name}:`,
    '      type: prometheus # or datadog, or a type a backend module adds',
    '      baseUrl: http://prometheus:9090',
  ].join('\n');
}

/**
 * What to do about a `no-data` evaluation: when the source failed (the latest evaluation's moment:
 * the first failure of a streak is not known here), the configuration a
 * missing source needs, or where a broken SLI is defined.
 */
export function NoDataHelp(props: {
  slo: SloDefinition;
  evaluation: SloEvaluationSummary;
}) {
  const { slo, evaluation } = props;
  switch (evaluation.noDataReason) {
    case 'source-error':
      return (
        <Typography variant="body2">
          Metric source “{slo.metricSource}” failed at the latest evaluation (
          {formatInstant(evaluation.evaluatedAt)}). Check that it is reachable
          from the Backstage backend; the SLO is evaluated again on the next
          run.
        </Typography>
      );
    case 'unknown-source':
      return (
        <>
          <Typography variant="body2">
            This SLO reads from the metric source “{slo.metricSource}”, which is
            not configured. Add it to app-config.yaml and restart the backend:
          </Typography>
          <PlainCodeSnippet text={metricSourceSnippet(slo.metricSource)} />
        </>
      );
    case 'no-series':
      return (
        <Typography variant="body2">
          Check the SLI queries in metric source “{slo.metricSource}”: a query
          that matches no series never counts a single event.
        </Typography>
      );
    default:
      return null;
  }
}
