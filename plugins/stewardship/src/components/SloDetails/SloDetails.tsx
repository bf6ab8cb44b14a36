import { InfoCard, Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  SloCorrection,
  SloDefinition,
  SloEvaluationSummary,
} from '@stewardship/backstage-plugin-stewardship-common';
import { useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { stewardshipApiRef } from '../../api';
import { useSloHistory } from '../../hooks/useSloHistory';
import { useRefreshInPlace } from '../../hooks/useRefreshInPlace';
import { RefreshFailedNote } from '../RefreshFailedNote';
import { SloStatusLabel } from '../EntitySlosContent/SloStatusLabel';
import {
  budgetEventsText,
  exhaustionText,
  noDataReasonText,
  noDataText,
} from '../EntitySlosContent/describeSlo';
import { BurndownChart, burndownCaption } from './BurndownChart';
import { BurnRateTable } from './BurnRateTable';
import { HistoryTable } from './HistoryTable';
import { SliChart } from './SliChart';
import { SloChanges } from './SloChanges';
import { SloCorrections } from './SloCorrections';
import { WhyThisNumber } from './WhyThisNumber';
import { headingProps } from './headingProps';
import { sloName } from './sloName';
import {
  formatCountThousandths as formatCount,
  formatInstant,
  formatPercentHyphenMinus as formatPercent,
  formatPercents,
} from '../formatSlo';
import { RequestErrorPanel } from '../RequestErrorPanel';
import { describeRequestFailure } from '../responseErrors';
import { useAbortableAsyncRetry } from '../../hooks/useAbortableAsyncRetry';
import { countUnitOf } from './countUnit';
import { HeadedEmptyState } from '../HeadedEmptyState';

/**
 * `SLI 99.9499 % against the objective 99.95 %`: written together, so an SLI that differs from
 * the objective never reads as it. Neither is below 0, so the minus sign is no concern.
 */
function sliAgainstObjective(sli: number, objective: number): string {
  const [sliText, objectiveText] = formatPercents([sli, objective]);
  return `SLI ${sliText} against the objective ${objectiveText}`;
}

/** The headline figures of an evaluation, or why there are none. */
function Summary(props: {
  slo: SloDefinition;
  evaluation?: SloEvaluationSummary;
  /** The past moment shown, if any. */
  at?: Date;
}) {
  const { slo, evaluation, at } = props;
  if (!evaluation && at) {
    // No next run to wait for: the moment has passed. The objective known is today's.
    return (
      <Typography variant="body2">
        No evaluation was stored by {formatInstant(at)}. The objective now is{' '}
        {formatPercent(slo.objective)}.
      </Typography>
    );
  }
  if (!evaluation) {
    return (
      <Typography variant="body2">
        {/* The schedule is the backend's config, not known here: say the default as one. */}
        Not evaluated yet: the first evaluation comes with the next scheduled
        run (every 5 minutes by default). The objective is{' '}
        {formatPercent(slo.objective)}.
      </Typography>
    );
  }
  const budget = evaluation.errorBudget;
  const unit = countUnitOf(slo, evaluation);
  return (
    <Box>
      <Box display="flex" alignItems="baseline" flexWrap="wrap">
        <SloStatusLabel status={evaluation.status} variant="body1" />
        <Typography variant="body2" component="span">
          &nbsp;
          {evaluation.status === 'no-data' && evaluation.noDataReason
            ? noDataText(evaluation.noDataReason, evaluation.reason)
            : evaluation.reason ?? ''}
        </Typography>
      </Box>
      <Typography variant="body2" color="textSecondary" gutterBottom>
        As of {formatInstant(evaluation.at)}, window{' '}
        {formatInstant(evaluation.window.start)} to{' '}
        {formatInstant(evaluation.window.end)}.
      </Typography>
      {evaluation.status !== 'no-data' && evaluation.sli !== undefined && (
        <Typography variant="body2">
          {sliAgainstObjective(evaluation.sli, evaluation.objective)}
          {evaluation.counts &&
            ` (${formatCount(evaluation.counts.good)} good of ${formatCount(
              evaluation.counts.total,
            )} ${unit === 'counts' ? 'counted' : unit})`}
          .
        </Typography>
      )}
      {evaluation.status !== 'no-data' && budget && (
        <Typography variant="body2">
          Error budget remaining {formatPercent(budget.remaining, 1)}:{' '}
          {budgetEventsText(slo, budget)}. Time to exhaustion:{' '}
          {exhaustionText({ ...evaluation, errorBudget: budget })}.
        </Typography>
      )}
    </Box>
  );
}

/** The SLO's labels (which a release gate may count SLOs by), when it has any. */
function SloLabels(props: { labels?: Record<string, string> }) {
  const entries = Object.entries(props.labels ?? {});
  if (entries.length === 0) return null;
  return (
    <Box mt={1} display="flex" flexWrap="wrap" alignItems="center">
      <Typography variant="body2" component="span" aria-hidden>
        Labels:&nbsp;
      </Typography>
      <Box
        component="ul"
        aria-label="Labels"
        display="flex"
        flexWrap="wrap"
        m={0}
        p={0}
        style={{ listStyle: 'none', gap: 4 }}
      >
        {entries.map(([key, value]) => (
          <li key={key}>
            <Chip size="small" variant="outlined" label={`${key}: ${value}`} />
          </li>
        ))}
      </Box>
    </Box>
  );
}

/** The burndown and SLI charts from the stored history, with their states. */
function History(props: {
  slo: SloDefinition;
  evaluation?: SloEvaluationSummary;
  at?: Date;
  corrections: SloCorrection[];
  /** The level of the cards' titles. */
  headingLevel: number;
  /** The SLO's name as the history table's caption says it. */
  name: string;
}) {
  const { slo, evaluation, at, corrections, headingLevel, name } = props;
  const { value, loading, error, retry, refresh, refreshError } =
    useRefreshInPlace(useSloHistory(slo.id, at), `${slo.id}@${at?.getTime()}`);
  // A newer evaluation above (the tab read its SLOs again after a stored run): the charts take
  // in the new point in place, as the figures above them did, rather than a progress bar.
  const evaluatedAt = evaluation?.at;
  const evaluationShown = useRef(evaluatedAt);
  useEffect(() => {
    if (evaluationShown.current === evaluatedAt) return;
    evaluationShown.current = evaluatedAt;
    refresh();
    // Only a new evaluation counts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [evaluatedAt]);
  // The excluded time comes with the history: read it again when a correction is added or removed.
  const correctionIds = corrections.map(c => c.id).join(',');
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    retry();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [correctionIds]);
  const api = useApi(stewardshipApiRef);
  const windowStart = evaluation?.window.start;
  const windowEnd = evaluation?.window.end;
  // Markers only: the chart is complete without them, so a failure just leaves them out.
  const incidents = useAbortableAsyncRetry(
    signal =>
      windowStart && windowEnd
        ? api
            .listEntityIncidents(
              slo.entityRef,
              {
                from: new Date(windowStart),
                to: new Date(Date.parse(windowEnd) + 1),
              },
              { signal },
            )
            .then(page => page.items)
        : Promise.resolve([]),
    [api, slo.entityRef, windowStart, windowEnd],
  );
  if (loading) {
    return <Progress aria-label="Loading the SLO's history" />;
  }
  if (error) {
    return (
      <RequestErrorPanel
        error={error}
        reading="the SLO's history"
        onRetry={retry}
      />
    );
  }
  // Read again after a newer evaluation and failed: the history shown stays, said not up to date.
  const refreshFailed = (
    <RefreshFailedNote
      error={refreshError}
      reading="the SLO's history"
      shownAsOf={value?.to}
    />
  );
  if (!value || value.points.length === 0) {
    return (
      <>
        {refreshFailed}
        <HeadedEmptyState
          headingLevel={headingLevel}
          // Backstage's "no Information" picture: "data" would say "no Build" to a screen reader.
          missing="info"
          title="No history yet"
          description={
            at
              ? `No evaluation of this SLO is stored up to ${formatInstant(
                  at,
                )}: pick a later moment, or Now.`
              : 'No history yet: the first evaluation comes with the next scheduled run (every 5 minutes by default).'
          }
        />
      </>
    );
  }
  const window = evaluation?.window ?? { start: value.from, end: value.to };
  // The objective the evaluation shown was judged against, as the Summary states it: the SLO's
  // today may differ as of a past moment or after an edit. History points carry none of their own.
  const objective = evaluation?.objective ?? slo.objective;
  return (
    <>
      {refreshFailed}
      <Grid container spacing={3}>
        <Grid item xs={12} md={6}>
          <InfoCard
            title="Error budget burndown"
            titleTypographyProps={headingProps(headingLevel)}
          >
            <BurndownChart
              points={value.points}
              window={window}
              incidents={incidents.value}
              excluded={value.excluded}
              headingLevel={headingLevel + 1}
            />
            {incidents.error && (
              <Typography variant="body2" color="textSecondary">
                {/* As the error panels say a failure: a ResponseError's own message is only
                  "Request failed with 404 Not Found", the backend's sentence is in its body. */}
                The chart marks no incident: they could not be read.{' '}
                {describeRequestFailure(incidents.error).message}
              </Typography>
            )}
            <HistoryTable
              points={value.points}
              caption={`History of ${name}. ${burndownCaption(value.points)}`}
              objective={objective}
            />
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={6}>
          <InfoCard
            title="SLI over time"
            titleTypographyProps={headingProps(headingLevel)}
          >
            <SliChart
              points={value.points}
              window={window}
              objective={objective}
            />
          </InfoCard>
        </Grid>
      </Grid>
    </>
  );
}

/**
 * One SLO in detail: its state in words, the burndown and SLI charts from its history, the burn
 * rates with their alert policies, and "why this number" for every figure. Every figure is the
 * backend's; the UI only formats it. Its cards' titles are `h4` headings, so it belongs under an
 * `h3`, as a component's SLOs tab puts it under the SLO's name; give `headingLevel` 5 to put it
 * under an `h4` (a system's tab, where the SLO's name is under its component's `h3`).
 *
 * @public
 */
export function SloDetails(props: {
  slo: SloDefinition;
  evaluation?: SloEvaluationSummary;
  at?: Date;
  /**
   * The level of the cards' titles, one below the heading the details sit under; the headings
   * inside the cards follow. Default 4.
   */
  headingLevel?: 4 | 5;
  /**
   * The title of the entity the SLO belongs to (`Fraud Detection`), where SLOs of several
   * entities are shown together and their names may repeat: the tables, the history's caption
   * and Add correction then name the SLO with it (_Corrections of availability of Fraud
   * Detection_). Left out, they name the SLO alone.
   */
  entityTitle?: string;
}): JSX.Element {
  const { slo, evaluation, at, headingLevel = 4, entityTitle } = props;
  const name = sloName(slo, entityTitle);
  const countUnit = countUnitOf(slo, evaluation);
  // Added and removed here, shown on the chart at once (the tab's list reloads on its own).
  const [corrections, setCorrections] = useState(slo.corrections ?? []);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        {/* A section's name: the SLO's own name is the heading the details sit under. */}
        <InfoCard
          title="Summary"
          subheader={slo.description}
          titleTypographyProps={headingProps(headingLevel)}
        >
          <Summary slo={slo} evaluation={evaluation} at={at} />
          <SloLabels labels={slo.labels} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <History
          slo={slo}
          evaluation={evaluation}
          at={at}
          corrections={corrections}
          headingLevel={headingLevel}
          name={name}
        />
      </Grid>
      <Grid item xs={12}>
        <SloCorrections
          slo={slo}
          corrections={corrections}
          onChange={setCorrections}
          headingLevel={headingLevel}
          entityTitle={entityTitle}
        />
      </Grid>
      <Grid item xs={12}>
        <SloChanges
          sloId={slo.id}
          version={slo.version}
          headingLevel={headingLevel}
        />
      </Grid>
      {/* Full width, each: beside each other the burn-rate table (about 860 px) was cut off in a
          ~600 px card at 1400 px, its alert policies column first, and the queries wrapped. */}
      {evaluation && (
        <Grid item xs={12}>
          <InfoCard
            title="Burn rates"
            titleTypographyProps={headingProps(headingLevel)}
          >
            {evaluation.status === 'no-data' ? (
              <Typography variant="body2">
                No burn rates:{' '}
                {evaluation.reason ?? noDataReasonText(evaluation.noDataReason)}
              </Typography>
            ) : (
              <BurnRateTable
                burnRates={evaluation.burnRates}
                alerts={evaluation.alerts}
                countUnit={countUnit}
                name={
                  entityTitle === undefined
                    ? undefined
                    : `Burn rates of ${name}`
                }
              />
            )}
          </InfoCard>
        </Grid>
      )}
      {evaluation && (
        <Grid item xs={12}>
          <InfoCard
            title="Why this number"
            titleTypographyProps={headingProps(headingLevel)}
          >
            <WhyThisNumber
              sloId={slo.id}
              evaluation={evaluation}
              // With timeslices the counts are slices, not what any one query returned:
              // the queries stay unnamed and the counts read good / total, as the backend's.
              sli={slo.budgetingMethod === 'timeslices' ? undefined : slo.sli}
              sloVersion={slo.version}
              headingLevel={headingLevel + 1}
              countUnit={countUnit}
            />
          </InfoCard>
        </Grid>
      )}
    </Grid>
  );
}
