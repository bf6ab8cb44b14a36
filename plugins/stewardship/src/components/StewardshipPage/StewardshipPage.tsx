import {
  Content,
  ContentHeader,
  Header,
  HeaderTabs,
  Page,
  Progress,
  SupportButton,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { lazy, Suspense, useEffect, useRef } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { stewardshipApiRef } from '../../api';
import { useOwnershipScorecard } from '../../hooks';
import { SloOverviewContent } from '../SloOverview';
import { DownloadCsvButton } from './DownloadCsvButton';
import { ScorecardContent } from './ScorecardContent';
import { ScorecardFilters } from './ScorecardFilters';
import { useScorecardParams } from './useScorecardParams';
import { RequestErrorPanel } from '../RequestErrorPanel';
import { OWNERSHIP_READ_AGAIN, RefreshFailedNote } from '../RefreshFailedNote';
import { useOwnershipSignal } from '../../hooks/useOwnershipSignal';
import { useRefreshInPlace } from '../../hooks/useRefreshInPlace';
import { LazyPartBoundary } from '../LazyPartBoundary';
import { useFocusRing } from '../focusRing';
import { useSayAfterChange } from '../useSayAfterChange';
import { ChangeAnnouncement } from '../ChangeAnnouncement';
import { OwnershipScorecard } from '@stewardship/backstage-plugin-stewardship-common';

/** Only its tab needs the planning review: it loads in its own chunk when that tab opens. */
const PlanningReviewContent = lazy(() =>
  import(
    /* webpackChunkName: "stewardship-review" */ '../PlanningReview/PlanningReviewContent'
  ).then(m => ({ default: m.PlanningReviewContent })),
);

/** Each tab with the header's subtitle while it is open. */
const TABS = [
  {
    id: 'ownership',
    label: 'Ownership',
    subtitle: 'Who owns what across the catalog',
  },
  {
    id: 'slos',
    label: 'SLOs',
    subtitle: 'How reliable every service is, against its objectives',
  },
  // Not a `?view=` but the sub-route `review` (/stewardship/review).
  {
    id: 'review',
    label: 'Planning review',
    subtitle: 'Reliability and ownership over a period, for planning',
  },
];

/** The sub-route of the planning review, at the end of the page's path. */
const REVIEW_PATH = /\/review\/?$/;

/**
 * The org-wide Stewardship page, in tabs kept in the URL (`?view=slos`):
 * the ownership scorecard (coverage per role, its trend, groups and the
 * failing entities with their fixes), the catalog-wide SLO overview, and the
 * planning review at the sub-route `review` (`/stewardship/review`).
 *
 * @public
 */
export function StewardshipPage() {
  const [params, setParams] = useSearchParams();
  const { pathname, search } = useLocation();
  const navigate = useNavigate();
  const focusRing = useFocusRing();
  const onReview = REVIEW_PATH.test(pathname);
  const base = pathname.replace(REVIEW_PATH, '');
  const selected = onReview
    ? TABS.length - 1
    : Math.max(
        0,
        TABS.findIndex(tab => tab.id === params.get('view')),
      );
  // The query each path had when last shown: the overview's (its Ownership and SLOs tabs share
  // it, each reading its own params) and the review's. Going to another tab and back keeps the
  // filters, scope and period instead of opening the tab bare.
  const lastQuery = useRef({ overview: '', review: '' });
  useEffect(() => {
    lastQuery.current[onReview ? 'review' : 'overview'] = search;
  }, [onReview, search]);
  const select = (index: number) => {
    if (TABS[index].id === 'review') {
      navigate(`${base}/review${lastQuery.current.review}`);
      return;
    }
    if (onReview) {
      navigate(`${base}${overviewQuery(lastQuery.current.overview, index)}`);
      return;
    }
    setParams(
      previous => {
        const next = new URLSearchParams(previous);
        if (index > 0) {
          next.set('view', TABS[index].id);
        } else {
          next.delete('view');
        }
        return next;
      },
      { replace: true },
    );
  };

  let content = <OwnershipScorecardContent />;
  if (onReview) {
    content = (
      <LazyPartBoundary
        part="the planning review"
        purpose="to see the planning review"
      >
        <Suspense
          fallback={<Progress aria-label="Loading the planning review" />}
        >
          <PlanningReviewContent />
        </Suspense>
      </LazyPartBoundary>
    );
  } else if (TABS[selected].id === 'slos') {
    content = <SloOverviewContent />;
  }

  return (
    <Page themeId="tool">
      <Header title="Stewardship" subtitle={TABS[selected].subtitle} />
      <HeaderTabs tabs={TABS} selectedIndex={selected} onChange={select} />
      {/* On the content only: the header and its tabs are Backstage's. */}
      <Content className={focusRing}>{content}</Content>
    </Page>
  );
}

/** The overview's last query with the tab at `index` as its `view` (none for the first tab). */
function overviewQuery(last: string, index: number): string {
  const next = new URLSearchParams(last);
  if (index > 0) {
    next.set('view', TABS[index].id);
  } else {
    next.delete('view');
  }
  const query = next.toString();
  return query ? `?${query}` : '';
}

/** What a filtered scorecard shows, in one sentence for its status line. */
export function describeScorecard(scorecard: OwnershipScorecard): string {
  const { entities } = scorecard.summary;
  return `Showing ${entities.toLocaleString('en-US')} ${
    entities === 1 ? 'entity' : 'entities'
  }: ${scorecard.failing.totalCount.toLocaleString('en-US')} failing.`;
}

/** The ownership tab. */
function OwnershipScorecardContent() {
  const api = useApi(stewardshipApiRef);
  const { filter, groupBy, page, pageSize, setParam, setPaging } =
    useScorecardParams();
  const query = {
    ...filter,
    groupBy,
    offset: page * pageSize,
    limit: pageSize,
  };
  // Someone's exemption or confirmation is read in place (Backstage signals): the figures and
  // the page of failing entities stay until the answer. Another query is another view: it shows
  // its own loading, never this one's figures as its own.
  const { value, loading, error, retry, refresh, refreshError } =
    useRefreshInPlace(useOwnershipScorecard(query), JSON.stringify(query));
  useOwnershipSignal(refresh);
  // The figures and headings change without a sound when a filter does: say what is shown.
  const said = useSayAfterChange(
    JSON.stringify({ filter, groupBy }),
    value,
    describeScorecard,
  );

  let body = null;
  if (error) {
    body = (
      <RequestErrorPanel
        error={error}
        reading="the scorecard"
        onRetry={retry}
      />
    );
  } else if (!value) {
    // Only the first load; later loads keep showing the previous result.
    body = <Progress aria-label="Loading the scorecard" />;
  } else {
    body = (
      <ScorecardContent
        scorecard={value}
        filtered={Object.keys(filter).length > 0}
        kind={filter.kind}
        groupBy={groupBy}
        loading={loading}
        page={page}
        pageSize={pageSize}
        onPageChange={setPaging}
        onFilter={setParam}
      />
    );
  }

  return (
    <>
      <ContentHeader title="Ownership scorecard">
        <DownloadCsvButton
          load={() => api.getOwnershipScorecardCsv(filter)}
          fileStem="ownership-failing-entities"
        />
        <SupportButton>
          Coverage of the business, product and engineering owner roles
          (stewardship.io/*-owner annotations) across the catalog, and the
          entities that need a fix.
        </SupportButton>
      </ContentHeader>
      <ScorecardFilters
        filter={filter}
        groupBy={groupBy}
        scorecard={value}
        onChange={setParam}
      />
      <ChangeAnnouncement said={said} />
      <RefreshFailedNote
        error={refreshError}
        reading="the scorecard"
        shownAsOf={value?.generatedAt}
        readAgain={OWNERSHIP_READ_AGAIN}
      />
      {body}
    </>
  );
}
