import { InfoCard, Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  SloOverview,
  SloOverviewItem,
} from '@stewardship/backstage-plugin-stewardship-common';
import {
  noDataText,
  sourceErrorDetail,
} from '../EntitySlosContent/describeSlo';
import {
  formatCount as count,
  formatDuration,
  formatInstant,
} from '../formatSlo';
import { formatCoverage } from '../StewardshipPage/formatCoverage';
import { useLocation } from 'react-router-dom';
import { SLO_OVERVIEW_PARAMS } from './useSloOverviewParams';

/**
 * How many entities or SLOs each list names; the rest are counted. Thousands of list items
 * (5,000 SLOs and 3,000 entities without one) took a minute to render.
 */
export const COVERAGE_LIST_LIMIT = 20;

/** `…and 4,980 more`, then where to find them all. */
function More(props: { hidden: number; children: React.ReactNode }) {
  if (props.hidden <= 0) return null;
  return (
    <Typography variant="body2">
      …and {count(props.hidden)} more. {props.children}
    </Typography>
  );
}

/** This page's address with the table's status filter set to `status`, the others kept. */
function useStatusLink(status: 'no-data' | 'stale'): string {
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  params.set(SLO_OVERVIEW_PARAMS.status, status);
  return `?${params.toString()}`;
}

// No scroll box of its own: a list cut at a fixed height, its scrollbar hidden by the platform,
// read as complete (15 shown of 20). Every listed item shows; `More` counts the rest.
const useStyles = makeStyles(theme => ({
  list: {
    margin: theme.spacing(1, 0, 0),
    paddingLeft: theme.spacing(2.5),
  },
}));

function Section(props: {
  id: string;
  title: string;
  figure: string;
  detail: string;
  children?: React.ReactNode;
}) {
  return (
    <section aria-labelledby={props.id}>
      <Typography
        variant="overline"
        color="textSecondary"
        component="h4"
        id={props.id}
      >
        {props.title}
      </Typography>
      <Typography variant="h4" component="p">
        {props.figure}
      </Typography>
      <Typography variant="body2">{props.detail}</Typography>
      {props.children}
    </section>
  );
}

function SloList(props: {
  items: SloOverviewItem[];
  label: string;
  describe: (item: SloOverviewItem) => string;
}) {
  const classes = useStyles();
  if (props.items.length === 0) return null;
  return (
    <ul className={classes.list} aria-label={props.label}>
      {props.items.slice(0, COVERAGE_LIST_LIMIT).map(item => (
        <li key={item.sloId}>
          <Typography variant="body2" component="span">
            <EntityRefLink entityRef={item.entityRef} /> {item.name}:{' '}
            {props.describe(item)}
          </Typography>
        </li>
      ))}
    </ul>
  );
}

/** SLOs whose metric source failed the same way, with what it said. */
interface FailedSource {
  source: string;
  what: string;
  count: number;
}

/**
 * The broken SLOs whose metric source failed the same way for several of them, one entry per
 * source and answer (a source that is down fails every SLO it serves with one sentence), and the
 * others, each said on its own with its name (a query the source refused is its SLO's own).
 */
function groupBySource(broken: SloOverviewItem[]): {
  sources: FailedSource[];
  others: SloOverviewItem[];
} {
  const groups = new Map<string, FailedSource & { items: SloOverviewItem[] }>();
  for (const item of broken) {
    if (item.noDataReason !== 'source-error') continue;
    const what = sourceErrorDetail(item.metricSource, item.reason);
    const key = JSON.stringify([item.metricSource, what]);
    const group = groups.get(key);
    if (group) {
      group.count += 1;
      group.items.push(item);
    } else {
      groups.set(key, {
        source: item.metricSource,
        what,
        count: 1,
        items: [item],
      });
    }
  }
  const grouped = [...groups.values()].filter(group => group.count > 1);
  const inGroup = new Set(grouped.flatMap(group => group.items));
  return {
    sources: grouped.map(({ source, what, count: n }) => ({
      source,
      what,
      count: n,
    })),
    others: broken.filter(item => !inGroup.has(item)),
  };
}

/**
 * Why a stale SLO is stale, beside its name: an evaluation of a minute ago is stale when the SLO
 * was changed since (the backend's `staleReason`), and its moment alone read as a mistake.
 */
function staleItemText(item: SloOverviewItem): string {
  if (!item.evaluatedAt) return 'never evaluated';
  const at = formatInstant(item.evaluatedAt);
  return item.staleReason === 'earlier-version'
    ? `evaluated as of ${at} before its last change`
    : `last evaluated as of ${at}`;
}

/**
 * SLO coverage of the entities in scope: how many have an SLO (and which do not), SLOs whose SLI
 * is broken, and evaluations that are stale. `all` are the SLOs before any status filter. Each
 * list names its first {@link COVERAGE_LIST_LIMIT} and counts the rest, with where to see them.
 */
export function SloCoverageCard(props: {
  overview: SloOverview;
  all: SloOverviewItem[];
  /** The page's "as of" moment, which staleness is measured to; absent: now. */
  asOf?: Date;
}) {
  const classes = useStyles();
  const { coverage, stalenessSeconds } = props.overview;
  const broken = props.all.filter(item => item.brokenSli);
  const brokenBySource = groupBySource(broken);
  const stale = props.all.filter(item => item.stale);
  const without = coverage.entitiesWithoutSlo;
  const noDataLink = useStatusLink('no-data');
  const staleLink = useStatusLink('stale');
  return (
    <InfoCard
      title="SLO coverage"
      titleTypographyProps={{ component: 'h3' }}
      subheader={`${count(
        coverage.entitiesInScope,
      )} components, APIs and systems in scope, ${count(coverage.slos)} SLOs`}
    >
      <Grid container spacing={3}>
        <Grid item xs={12} md={4}>
          <Section
            id="slo-coverage-entities"
            title="Entities with an SLO"
            figure={formatCoverage(
              coverage.entitiesWithSlo,
              coverage.entitiesInScope,
            )}
            detail={`${count(without.length)} without any SLO`}
          >
            {without.length > 0 && (
              <ul className={classes.list} aria-label="Entities without an SLO">
                {without.slice(0, COVERAGE_LIST_LIMIT).map(entity => (
                  <li key={entity.entityRef}>
                    <EntityRefLink entityRef={entity.entityRef}>
                      {entity.title}
                    </EntityRefLink>
                  </li>
                ))}
              </ul>
            )}
            <More hidden={without.length - COVERAGE_LIST_LIMIT}>
              The SLOs tab's API, <code>GET /slos/overview</code>, lists every
              one (<code>coverage.entitiesWithoutSlo</code>).
            </More>
          </Section>
        </Grid>
        <Grid item xs={12} md={4}>
          <Section
            id="slo-coverage-broken"
            title="Broken SLIs"
            figure={count(coverage.brokenSlis)}
            detail="no data because the source failed, is not configured, or a query matched no series"
          >
            {brokenBySource.sources.length > 0 && (
              <ul
                className={classes.list}
                aria-label="Metric sources that failed"
              >
                {brokenBySource.sources.map(failed => (
                  <li key={failed.source}>
                    <Typography variant="body2" component="span">
                      {`Metric source “${failed.source}” failed (${count(
                        failed.count,
                      )} ${failed.count === 1 ? 'SLO' : 'SLOs'}): ${
                        failed.what
                      }`}
                    </Typography>
                  </li>
                ))}
              </ul>
            )}
            <SloList
              items={brokenBySource.others}
              label="SLOs whose SLI is broken"
              describe={item => noDataText(item.noDataReason, item.reason)}
            />
            {brokenBySource.others.length > COVERAGE_LIST_LIMIT ? (
              <More hidden={brokenBySource.others.length - COVERAGE_LIST_LIMIT}>
                <Link to={noDataLink}>List the no-data SLOs in the table</Link>{' '}
                (with those of quiet services, which are not broken).
              </More>
            ) : (
              brokenBySource.sources.length > 0 && (
                // The grouped SLOs are counted, not named: where to see each of them.
                <Typography variant="body2">
                  <Link to={noDataLink}>
                    List the no-data SLOs in the table
                  </Link>{' '}
                  (with those of quiet services, which are not broken).
                </Typography>
              )
            )}
          </Section>
        </Grid>
        <Grid item xs={12} md={4}>
          <Section
            id="slo-coverage-stale"
            title="Stale evaluations"
            figure={count(coverage.staleEvaluations)}
            detail={`never evaluated, last evaluated more than ${formatDuration(
              stalenessSeconds,
            )} before ${
              props.asOf ? formatInstant(props.asOf) : 'now'
            }, or evaluated before the SLO was last changed${
              props.asOf ? ' (up to then)' : ''
            }`}
          >
            <SloList
              items={stale}
              label="SLOs whose evaluation is stale"
              describe={staleItemText}
            />
            <More hidden={stale.length - COVERAGE_LIST_LIMIT}>
              <Link to={staleLink}>List every stale SLO in the table</Link>.
            </More>
          </Section>
        </Grid>
      </Grid>
    </InfoCard>
  );
}
