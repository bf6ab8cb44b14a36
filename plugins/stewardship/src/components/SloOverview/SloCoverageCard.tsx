import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  SloOverview,
  SloOverviewItem,
} from '@stewardship/backstage-plugin-stewardship-common';
import {
  noDataDetail,
  noDataReasonText,
} from '../EntitySlosContent/describeSlo';
import { formatDuration, formatInstant } from '../formatSlo';
import { formatCoverage } from '../StewardshipPage/formatCoverage';

const useStyles = makeStyles(theme => ({
  list: {
    margin: theme.spacing(1, 0, 0),
    paddingLeft: theme.spacing(2.5),
    maxHeight: theme.spacing(30),
    overflowY: 'auto',
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
      {props.items.map(item => (
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

/**
 * SLO coverage of the entities in scope: how many have an SLO (and which do not), SLOs whose SLI
 * is broken, and evaluations that are stale. `all` are the SLOs before any status filter.
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
  const stale = props.all.filter(item => item.stale);
  return (
    <InfoCard
      title="SLO coverage"
      titleTypographyProps={{ component: 'h3' }}
      subheader={`${coverage.entitiesInScope} components, APIs and systems in scope, ${coverage.slos} SLOs`}
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
            detail={`${coverage.entitiesWithoutSlo.length} without any SLO`}
          >
            {coverage.entitiesWithoutSlo.length > 0 && (
              <ul className={classes.list} aria-label="Entities without an SLO">
                {coverage.entitiesWithoutSlo.map(entity => (
                  <li key={entity.entityRef}>
                    <EntityRefLink entityRef={entity.entityRef}>
                      {entity.title}
                    </EntityRefLink>
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </Grid>
        <Grid item xs={12} md={4}>
          <Section
            id="slo-coverage-broken"
            title="Broken SLIs"
            figure={String(coverage.brokenSlis)}
            detail="no data because the source failed, is not configured, or a query matched no series"
          >
            <SloList
              items={broken}
              label="SLOs whose SLI is broken"
              describe={item => {
                const detail = noDataDetail(item.noDataReason, item.reason);
                const why = noDataReasonText(item.noDataReason);
                return detail ? `${why}: ${detail}` : why;
              }}
            />
          </Section>
        </Grid>
        <Grid item xs={12} md={4}>
          <Section
            id="slo-coverage-stale"
            title="Stale evaluations"
            figure={String(coverage.staleEvaluations)}
            detail={`never evaluated, or last evaluated more than ${formatDuration(
              stalenessSeconds,
            )} before ${props.asOf ? formatInstant(props.asOf) : 'now'}`}
          >
            <SloList
              items={stale}
              label="SLOs whose evaluation is stale"
              describe={item =>
                item.evaluatedAt
                  ? `last evaluated as of ${formatInstant(item.evaluatedAt)}`
                  : 'never evaluated'
              }
            />
          </Section>
        </Grid>
      </Grid>
    </InfoCard>
  );
}
