import {
  Content,
  ContentHeader,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
  SupportButton,
} from '@backstage/core-components';
import { useState } from 'react';
import { useOwnershipScorecard } from '../../hooks';
import { DownloadCsvButton } from './DownloadCsvButton';
import { PAGE_SIZES } from './FailingEntitiesTable';
import { ScorecardContent } from './ScorecardContent';
import { ScorecardFilters } from './ScorecardFilters';
import { useScorecardParams } from './useScorecardParams';

/**
 * The org-wide ownership scorecard: coverage per role, its trend, groups and
 * the failing entities with their fixes.
 *
 * @public
 */
export function StewardshipPage() {
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
    <Page themeId="tool">
      <Header title="Stewardship" subtitle="Who owns what across the catalog" />
      <Content>
        <ContentHeader title="Ownership scorecard">
          <DownloadCsvButton filter={filter} />
          <SupportButton>
            Coverage of the business, product and engineering owner roles
            (stewardship.io/*-owner annotations) across the catalog, and the
            entities that need a fix.
          </SupportButton>
        </ContentHeader>
        <ScorecardFilters
          filter={filter}
          groupBy={groupBy}
          onChange={setParam}
        />
        {body}
      </Content>
    </Page>
  );
}
