import {
  Content,
  ContentHeader,
  Header,
  HeaderTabs,
  Page,
  Progress,
  ResponseErrorPanel,
  SupportButton,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { stewardshipApiRef } from '../../api';
import { useOwnershipScorecard } from '../../hooks';
import { SloOverviewContent } from '../SloOverview';
import { DownloadCsvButton } from './DownloadCsvButton';
import { PAGE_SIZES } from './FailingEntitiesTable';
import { ScorecardContent } from './ScorecardContent';
import { ScorecardFilters } from './ScorecardFilters';
import { useScorecardParams } from './useScorecardParams';

const TABS = [
  { id: 'ownership', label: 'Ownership' },
  { id: 'slos', label: 'SLOs' },
];

/**
 * The org-wide Stewardship page, in two tabs kept in the URL (`?view=slos`):
 * the ownership scorecard (coverage per role, its trend, groups and the
 * failing entities with their fixes) and the catalog-wide SLO overview.
 *
 * @public
 */
export function StewardshipPage() {
  const [params, setParams] = useSearchParams();
  const selected = Math.max(
    0,
    TABS.findIndex(tab => tab.id === params.get('view')),
  );
  const select = (index: number) =>
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

  return (
    <Page themeId="tool">
      <Header title="Stewardship" subtitle="Who owns what across the catalog" />
      <HeaderTabs tabs={TABS} selectedIndex={selected} onChange={select} />
      <Content>
        {TABS[selected].id === 'slos' ? (
          <SloOverviewContent />
        ) : (
          <OwnershipScorecardContent />
        )}
      </Content>
    </Page>
  );
}

/** The ownership tab. */
function OwnershipScorecardContent() {
  const api = useApi(stewardshipApiRef);
  const { filter, groupBy, page, setParam, setPage } = useScorecardParams();
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]);
  const { value, loading, error } = useOwnershipScorecard({
    ...filter,
    groupBy,
    offset: page * pageSize,
    limit: pageSize,
  });

  let body = null;
  if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (!value) {
    // Only the first load; later loads keep showing the previous result.
    body = <Progress />;
  } else {
    body = (
      <ScorecardContent
        scorecard={value}
        filtered={Object.keys(filter).length > 0}
        groupBy={groupBy}
        loading={loading}
        page={page}
        pageSize={pageSize}
        onPageChange={setPage}
        onPageSizeChange={size => {
          setPageSize(size);
          setPage(0);
        }}
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
      <ScorecardFilters filter={filter} groupBy={groupBy} onChange={setParam} />
      {body}
    </>
  );
}
