import {
  ContentHeader,
  Progress,
  SupportButton,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import {
  SLO_OVERVIEW_STATUSES,
  SloOverview,
} from '@stewardship/backstage-plugin-stewardship-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { stewardshipApiRef } from '../../api';
import { useSloOverview } from '../../hooks';
import { useReadAgainWhenDue } from '../../hooks/useReadAgainWhenDue';
import { useRefreshedOnEvaluation } from '../../hooks/useRefreshedOnEvaluation';
import { AsOfPicker, useAsOf } from '../AsOf';
import { SLO_DOCS, SloApiCommands } from '../EntitySlosContent/SloEmptyState';
import { CatalogReadAge } from '../StewardshipPage/CatalogReadAge';
import { DownloadCsvButton } from '../StewardshipPage/DownloadCsvButton';
import { FilterSelect } from '../StewardshipPage/FilterSelect';
import { SloCoverageCard } from './SloCoverageCard';
import { SloOverviewTable } from './SloOverviewTable';
import { useSloOverviewParams } from './useSloOverviewParams';
import { useEntityTitles } from '../useEntityTitles';
import { RefreshFailedNote } from '../RefreshFailedNote';
import { RequestErrorPanel } from '../RequestErrorPanel';
import { useSayAfterChange } from '../useSayAfterChange';
import { ChangeAnnouncement } from '../ChangeAnnouncement';
import { describeShownSlos, slosInStatus } from './describeShownSlos';
import { describeOverviewStatusChanges } from '../EntitySlosContent/statusChanges';
import { formatInstant } from '../formatSlo';
import { HeadedEmptyState } from '../HeadedEmptyState';

const useStyles = makeStyles(theme => ({
  controls: { padding: theme.spacing(2), marginBottom: theme.spacing(3) },
  asOf: { marginBottom: theme.spacing(2) },
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
  },
  steps: {
    maxWidth: theme.spacing(110),
    '& > *': {
      marginBottom: theme.spacing(1.5),
    },
  },
}));

/** No SLO anywhere in scope: how to add the first one. */
function NoSlosYet() {
  const classes = useStyles();
  return (
    <HeadedEmptyState
      headingLevel={2}
      // Backstage's "no Information" picture: "data" would say "no Build" to a screen reader.
      missing="info"
      title="No SLOs yet"
      description="Open a component, API or system in the catalog, go to its SLOs tab and choose Create SLO or Import YAML (OpenSLO or Sloth). SLOs are evaluated within minutes and show here."
      action={
        <div className={classes.steps}>
          <SloApiCommands
            entityRef="component:default/<name>"
            intro="Or create one through the API with"
          />
          <Typography variant="body2" color="textSecondary">
            More in {SLO_DOCS}.
          </Typography>
        </div>
      }
    />
  );
}

/** The refs a picker offers: the facets, and the ref chosen when they do not list it. */
function withChosen(refs: string[], chosen: string | undefined): string[] {
  return chosen && !refs.includes(chosen) ? [...refs, chosen] : refs;
}

/**
 * What a read of the same list (owner, system, moment) changed, once it replaced the one shown: a
 * read no one asked for, after a stored evaluation run (filters and moments are other lists).
 * "Updated 2026-12-07 10:32 UTC: SLO availability of Checkout Service is now at-risk (was
 * healthy)." It stays until a later read changes a status again (a row that left a Status filter
 * is said to have, rather than vanishing without a word); nothing for a read that changes none.
 */
function useStatusNews(
  value: SloOverview | undefined,
  loading: boolean,
  view: string,
) {
  const [news, setNews] = useState<{ view: string; text: string }>();
  const shown = useRef<{ view: string; value: SloOverview }>();
  useEffect(() => {
    // Until another list's answer comes (the first render after a filter changed, and while it
    // loads), react-use still holds the last one: not this view's.
    if (!value || loading || value === shown.current?.value) return;
    const before = shown.current;
    shown.current = { view, value };
    if (!before || before.view !== view) return;
    const changes = describeOverviewStatusChanges(
      before.value.items,
      value.items,
    );
    if (changes) {
      setNews({
        view,
        text: `Updated ${formatInstant(new Date(value.at))}: ${changes}`,
      });
    }
  }, [value, loading, view]);
  return news?.view === view ? news.text : undefined;
}

/**
 * The catalog-wide SLO view: every SLO the user may see with its status and budget, sortable,
 * filterable by owner, system and status, the SLO coverage and a CSV export, now or as of a past
 * moment (`?at=`, as on the SLOs tab). Owner and system are filtered by the backend (they narrow
 * the coverage too); the status only narrows the list, so it is applied here and the coverage
 * keeps naming every broken or stale SLO.
 */
export function SloOverviewContent() {
  const classes = useStyles();
  const api = useApi(stewardshipApiRef);
  const { filter, setFilter } = useSloOverviewParams();
  const { owner, system, status } = filter;
  const { at, problem: asOfProblem, setAt } = useAsOf();
  // Statuses move on after every stored evaluation run: read again, in place, when showing now.
  const view = JSON.stringify({ owner, system, at: at?.getTime() });
  const { value, loading, error, refreshError, retry, refresh } =
    useRefreshedOnEvaluation(
      useSloOverview({ owner, system }, at),
      view,
      at === undefined,
    );
  // And when an SLO grows stale with no new evaluation to signal it: the answer says when.
  useReadAgainWhenDue(
    value?.validUntil,
    value?.at,
    at === undefined ? refresh : undefined,
  );
  const statusNews = useStatusNews(value, loading, view);

  // The filter in force is an option even when no SLO has it (or before the answer), so that the
  // picker shows it rather than "Any …" above a filtered list.
  const owners = withChosen(value?.facets.owners ?? [], owner);
  const systems = withChosen(value?.facets.systems ?? [], system);
  const ownerLabel = useEntityTitles(owners, 'group');
  const systemLabel = useEntityTitles(systems, 'system');

  // The list changes without a sound when a filter does: say what is shown, once it is. Owner
  // and system come with the backend's next answer; the status is applied to the answer here.
  const said = useSayAfterChange(
    JSON.stringify({ owner, system }),
    value,
    useCallback(
      (shown: SloOverview) =>
        describeShownSlos(slosInStatus(shown.items, status)),
      [status],
    ),
    status ?? '',
  );

  let body = null;
  if (error) {
    body = (
      <RequestErrorPanel error={error} reading="the SLOs" onRetry={retry} />
    );
  } else if (!value) {
    body = <Progress aria-label="Loading the SLOs" />;
  } else if (value.coverage.slos === 0 && !owner && !system) {
    body = <NoSlosYet />;
  } else {
    body = (
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <SloCoverageCard overview={value} all={value.items} asOf={at} />
        </Grid>
        <Grid item xs={12}>
          <SloOverviewTable
            items={slosInStatus(value.items, status)}
            loading={loading}
            ownerLabel={ownerLabel}
            systemLabel={systemLabel}
          />
        </Grid>
      </Grid>
    );
  }

  const options = (refs: string[], label: (ref: string) => string) =>
    refs
      .map(ref => ({ value: ref, label: label(ref) }))
      .sort((a, b) => a.label.localeCompare(b.label));
  return (
    <>
      <ContentHeader title="Service level objectives">
        <DownloadCsvButton
          load={() => api.getSloOverviewCsv(filter, { at })}
          fileStem="slo-overview"
        />
        <SupportButton>
          Every SLO you may see in the catalog with its latest evaluation, and
          the components, APIs and systems that have none. Statuses come from
          the stored evaluations; none is computed on this page.
        </SupportButton>
      </ContentHeader>
      {/* On paper: the theme's label grey is 4.47:1 on the page background, 4.8:1 on white. */}
      <Paper className={classes.controls}>
        <Box className={classes.asOf}>
          <AsOfPicker
            at={at}
            onChange={setAt}
            urlRefused={Boolean(asOfProblem)}
          />
        </Box>
        {asOfProblem && (
          <Alert severity="warning" role="status" className={classes.asOf}>
            {asOfProblem}
          </Alert>
        )}
        <Box className={classes.filters}>
          <FilterSelect
            label="Owner"
            anyLabel="Any owner"
            value={owner}
            options={options(owners, ownerLabel)}
            onChange={v => setFilter('owner', v)}
          />
          <FilterSelect
            label="System"
            anyLabel="Any system"
            value={system}
            options={options(systems, systemLabel)}
            onChange={v => setFilter('system', v)}
          />
          <FilterSelect
            label="Status"
            anyLabel="Any status"
            value={status}
            options={SLO_OVERVIEW_STATUSES.map(v => ({ value: v, label: v }))}
            onChange={v => setFilter('status', v)}
          />
        </Box>
        {/* Entities, owners and systems come from a catalog read the backend reuses briefly. */}
        {value && (
          <CatalogReadAge
            readAt={value.catalogReadAt}
            ageSeconds={value.catalogAgeSeconds}
          />
        )}
      </Paper>
      <ChangeAnnouncement said={said} />
      <div role="status">
        {statusNews && (
          // Information, whatever the statuses became: each row says its own.
          <Alert severity="info" role="none" className={classes.asOf}>
            {statusNews}
          </Alert>
        )}
      </div>
      <RefreshFailedNote
        error={refreshError}
        reading="the SLOs"
        shownAsOf={value?.at}
      />
      {body}
    </>
  );
}
