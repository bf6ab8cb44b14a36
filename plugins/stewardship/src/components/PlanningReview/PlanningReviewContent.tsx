import {
  ContentHeader,
  Progress,
  SupportButton,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { downloadText } from '../downloadText';
import { formatInstant } from '../formatSlo';
import { RequestErrorPanel } from '../RequestErrorPanel';
import { ReviewControls } from './ReviewControls';
import { ReviewEmptyScope } from './ReviewEmptyScope';
import { reviewCsv, reviewMarkdown, reviewSlosCsv } from './reviewExport';
import {
  REVIEW_PERIODS,
  ReviewPeriodId,
  reviewPeriod,
  reviewQueryPeriod,
} from './reviewPeriod';
import { ReviewSummary } from './ReviewSummary';
import {
  ReviewEntitiesTable,
  ReviewPlanningTable,
  ReviewSlosTable,
} from './ReviewTables';
import { planningReviewKey, usePlanningReview } from './usePlanningReview';
import { describeReview } from './describeReview';
import { useSayAfterChange } from '../useSayAfterChange';
import { ChangeAnnouncement } from '../ChangeAnnouncement';
import { useSaidDownloads } from '../useSaidDownloads';
import { HeadedEmptyState } from '../HeadedEmptyState';

const useStyles = makeStyles({
  // Printed, the review is the page: no sidebar, header tabs, pickers or buttons.
  '@global': {
    '@media print': {
      'nav, [class*="BackstageSidebar"], [class*="BackstageHeaderTabs"], .stewardship-review-controls, .stewardship-review-actions, .stewardship-review-links':
        { display: 'none !important' },
      'main, [class*="BackstageContent"]': { padding: '0 !important' },
      '.stewardship-review table': { pageBreakInside: 'auto' },
      '.stewardship-review tr': { pageBreakInside: 'avoid' },
      // The tables print whole (usePrinting turns their paging off); their paging bar, a
      // material-table footer, has nothing to offer on paper.
      '.stewardship-review tfoot': { display: 'none !important' },
    },
  },
});

const isPeriod = (value: string | null): value is ReviewPeriodId =>
  REVIEW_PERIODS.some(period => period.id === value);

const day = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The planning review (`/stewardship/review`): a scope and a period kept in the URL
 * (`?scope=system:default/x&period=quarter-to-date`, or `period=custom&from=&to=` in days), a
 * summary, sortable tables with links into each entity's tabs (20 rows a page on screen, every
 * row in print), CSV and Markdown downloads, and a print stylesheet.
 */
export function PlanningReviewContent(props: { now?: () => Date }) {
  useStyles();
  const [params, setParams] = useSearchParams();
  const downloads = useSaidDownloads();
  const scope = params.get('scope') ?? '';
  const periodParam = params.get('period');
  const periodId: ReviewPeriodId = isPeriod(periodParam)
    ? periodParam
    : 'last-30-days';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  // The moment "now" is fixed per URL, so a render does not ask for a new review.
  const nowMs = useMemo(
    () => (props.now ?? (() => new Date()))().getTime(),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [scope, periodId, from, to],
  );
  const period = reviewPeriod(periodId, new Date(nowMs), { from, to });
  const query =
    scope && !('problem' in period)
      ? { scope, ...reviewQueryPeriod(periodId, period, new Date(nowMs)) }
      : undefined;
  const { value, loading, error, retry } = usePlanningReview(query);
  // The summary and tables change without a sound when the scope or period does: say what they
  // show, once they show it. The key is the backend's query, not the URL: a period picked that
  // asks for the same review (last full quarter → the same days as a custom range) loads nothing.
  const said = useSayAfterChange(
    planningReviewKey(query),
    value,
    describeReview,
  );

  const change = (key: 'scope' | 'period' | 'from' | 'to', next: string) =>
    setParams(
      previous => {
        const updated = new URLSearchParams(previous);
        if (next) updated.set(key, next);
        else updated.delete(key);
        if (key === 'period' && next === 'custom' && !updated.get('from')) {
          // Start a custom range from the period shown so far.
          const shown = reviewPeriod(periodId, new Date(nowMs));
          if (!('problem' in shown)) {
            updated.set('from', day(shown.from));
            updated.set('to', day(new Date(shown.to.getTime() - 1)));
          }
        }
        if (key === 'period' && next !== 'custom') {
          updated.delete('from');
          updated.delete('to');
        }
        return updated;
      },
      { replace: true },
    );

  const fileStem = value
    ? `planning-review-${value.scope.replace(/[^a-z0-9]+/gi, '-')}-${day(
        new Date(value.to),
      )}`
    : '';

  let body = null;
  if (!scope) {
    body = (
      <HeadedEmptyState
        headingLevel={2}
        missing="field"
        title="Pick a scope to review"
        description="Choose a system (the system, its components and APIs), a domain (its systems, their components and APIs) or a group (what it owns), then a period."
      />
    );
  } else if ('problem' in period) {
    body = <Typography role="alert">{period.problem}</Typography>;
  } else if (error) {
    // Kept while Try again reads (its button says so), as the other panels are.
    body = (
      <RequestErrorPanel
        error={error}
        reading="the planning review"
        onRetry={retry}
        retrying={loading}
      />
    );
  } else if (!value || loading) {
    body = <Progress aria-label="Loading the planning review" />;
  } else if (value.rows.length === 0) {
    body = <ReviewEmptyScope scope={value.scope} />;
  } else {
    body = (
      <>
        <Typography paragraph>
          <EntityRefLink entityRef={value.scope} />, {formatInstant(value.from)}{' '}
          to {formatInstant(value.to)}. From stored evaluations, incidents and
          backlog figures; every figure is defined in the README of
          @stewardship/backstage-plugin-stewardship-common, section “Planning
          review”.
        </Typography>
        {value.snapshotsKeptFrom && (
          // A period reaching back past the retention would otherwise read as a quiet start.
          <Typography paragraph>
            Evaluations before {formatInstant(value.snapshotsKeptFrom)} are
            pruned (the backend&apos;s snapshotRetention): the SLO figures count
            from then.
          </Typography>
        )}
        <ReviewSummary review={value} />
        <Box mt={2}>
          <ReviewEntitiesTable review={value} />
        </Box>
        <Box mt={2}>
          <ReviewPlanningTable review={value} />
        </Box>
        <Box mt={2}>
          <ReviewSlosTable review={value} />
        </Box>
      </>
    );
  }

  return (
    <div className="stewardship-review">
      <ContentHeader title="Planning review">
        {/* Wraps: at 320 px (or 400 % zoom) the three buttons do not fit one line. */}
        <Box
          className="stewardship-review-actions"
          display="flex"
          flexWrap="wrap"
          gridGap={8}
        >
          <Button
            variant="outlined"
            color="primary"
            startIcon={<GetAppIcon />}
            disabled={!value}
            onClick={() => {
              if (!value) return;
              downloadText(reviewCsv(value), `${fileStem}.csv`, 'text/csv');
              downloads.saved(`${fileStem}.csv`);
            }}
          >
            Download CSV
          </Button>
          <Button
            variant="outlined"
            color="primary"
            startIcon={<GetAppIcon />}
            disabled={!value}
            onClick={() => {
              if (!value) return;
              downloadText(
                reviewSlosCsv(value),
                `${fileStem}-slos.csv`,
                'text/csv',
              );
              downloads.saved(`${fileStem}-slos.csv`);
            }}
          >
            Download SLOs CSV
          </Button>
          <Button
            variant="outlined"
            color="primary"
            startIcon={<GetAppIcon />}
            disabled={!value}
            onClick={() => {
              if (!value) return;
              downloadText(
                reviewMarkdown(value),
                `${fileStem}.md`,
                'text/markdown',
              );
              downloads.saved(`${fileStem}.md`);
            }}
          >
            Download Markdown
          </Button>
          {downloads.announcement}
          <SupportButton>
            Every entity of a system, domain or group over a period: SLO
            attainment, budget left at the end, the worst burn, incidents,
            backlog health, ownership gaps, dependency ceilings and the release
            gate. Print the page for a planning meeting.
          </SupportButton>
        </Box>
      </ContentHeader>
      <ReviewControls
        scope={scope}
        period={periodId}
        from={from}
        to={to}
        onChange={change}
      />
      <ChangeAnnouncement said={said} />
      <Box mt={2}>{body}</Box>
    </div>
  );
}
