import { screen } from '@testing-library/react';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import { ReviewSummary } from './ReviewSummary';
import { REVIEW } from './reviewFixture';

describe('ReviewSummary', () => {
  it('says why an open incident has no budget cost yet, when none is stored', async () => {
    // payments-api's incidents: 3, one open (a SEV2 that has cost 12 % so far, say), none stored.
    const [ledger, payments] = REVIEW.rows;
    await renderWithApi(
      <ReviewSummary
        review={{
          ...REVIEW,
          summary: { ...REVIEW.summary, largestBudgetCosts: [] },
          rows: [
            ledger,
            {
              ...payments,
              incidents: { ...payments.incidents, budgetCosts: [] },
            },
          ],
        }}
      />,
      mockStewardshipApi(),
    );
    expect(
      screen.getByText(
        'No stored budget cost for incidents detected in this period.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Open incidents are counted once resolved: 1 open incident is not counted yet.',
      ),
    ).toBeInTheDocument();
  });
});
