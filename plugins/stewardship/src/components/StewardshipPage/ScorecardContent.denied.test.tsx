import { screen } from '@testing-library/react';
import { OwnershipScorecard } from '@stewardship/backstage-plugin-stewardship-common';
import { scorecard } from '../../__testUtils__/fixtures';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import { StewardshipPage } from './StewardshipPage';

/** What the backend answers a caller the permission policy denies catalog reads. */
const deniedScorecard: OwnershipScorecard = {
  ...scorecard,
  summary: { entities: 0, compliant: 0, roles: scorecard.summary.roles },
  failing: { items: [], totalCount: 0, offset: 0, limit: 20 },
  trend: [],
  trendWithheld: true,
  catalogReadDenied: true,
};

describe('ScorecardContent for a caller denied catalog reads', () => {
  it.each([
    ['/stewardship', 'unfiltered'],
    ['/stewardship?kind=component', 'filtered'],
  ])(
    'at %s (%s) says the caller may not read the catalog, with no configuration advice',
    async at => {
      await renderWithApi(
        <StewardshipPage />,
        mockStewardshipApi({
          getOwnershipScorecard: async () => deniedScorecard,
        }),
        { routeEntries: [at] },
      );
      expect(
        await screen.findByText('You may not read the catalog'),
      ).toBeInTheDocument();
      expect(
        screen.getByText(
          'The permission policy does not let you read catalog entities, so there is nothing to count.',
        ),
      ).toBeInTheDocument();
      expect(
        screen.queryByText('No entities in scope'),
      ).not.toBeInTheDocument();
      expect(
        screen.queryByText('No entities match these filters'),
      ).not.toBeInTheDocument();
      expect(screen.queryByText(/appliesTo|Register/)).not.toBeInTheDocument();
    },
  );
});
