/*
 * A custom range longer than the backend reviews (MAX_PERIOD_DAYS, 731 days) says so on the page
 * and asks nothing; the first-day field says the limit before one is picked.
 */
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import { stewardshipApiRef } from '../../api';
import { mockStewardshipApi } from '../../__testUtils__/renderWithApi';
import { PlanningReviewContent } from './PlanningReviewContent';
import { REVIEW } from './reviewFixture';
import { reviewPeriod } from './reviewPeriod';

const NOW = new Date('2026-11-30T12:00:00Z');

describe('the longest custom review period', () => {
  it('takes 731 whole days, and not 732', () => {
    // 2024 is a leap year: 1 Jan 2024 to 31 Dec 2025 is 366 + 365 = 731 days.
    expect(
      reviewPeriod('custom', NOW, { from: '2024-01-01', to: '2025-12-31' }),
    ).toEqual({
      from: new Date('2024-01-01T00:00:00Z'),
      to: new Date('2026-01-01T00:00:00Z'),
    });
    expect(
      reviewPeriod('custom', NOW, { from: '2023-12-31', to: '2025-12-31' }),
    ).toEqual({
      problem:
        'A period may span at most 731 days (2 years); this one spans 732 days. Pick a later first day or an earlier last day.',
    });
  });

  function render(getPlanningReview: jest.Mock, query: string) {
    return renderInTestApp(
      <TestApiProvider
        apis={[
          [stewardshipApiRef, mockStewardshipApi({ getPlanningReview })],
          [catalogApiRef, catalogApiMock({ entities: [] })],
        ]}
      >
        <PlanningReviewContent now={() => NOW} />
      </TestApiProvider>,
      {
        routeEntries: [`/stewardship/review?${query}`],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
  }

  it('says the limit instead of asking for a longer review', async () => {
    const getPlanningReview = jest.fn().mockResolvedValue(REVIEW);
    await render(
      getPlanningReview,
      'scope=group:default/payments&period=custom&from=1970-01-01&to=2026-11-29',
    );
    expect(screen.getByText('At most 731 days in all')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'A period may span at most 731 days (2 years); this one spans 20,787 days. Pick a later first day or an earlier last day.',
    );
    expect(getPlanningReview).not.toHaveBeenCalled();
  });
});
