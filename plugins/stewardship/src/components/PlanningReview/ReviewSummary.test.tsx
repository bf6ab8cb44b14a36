import { screen } from '@testing-library/react';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import { ReviewSummary } from './ReviewSummary';
import { GROUP_REVIEW, REVIEW } from './reviewFixture';

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
        'Budget costs are counted once an incident is resolved: 1 incident of the period has no cost yet.',
      ),
    ).toBeInTheDocument();
  });

  it('counts the kinds that cannot have SLOs apart from the objectives and gates', async () => {
    await renderWithApi(
      <ReviewSummary review={GROUP_REVIEW} />,
      mockStewardshipApi(),
    );
    // 5 entities: a component (met, allow), a system without SLOs (allow), and a domain, a
    // resource and a group, which cannot have SLOs (the backend's notApplicable: 3, no gate).
    expect(screen.getByText('1 of 2 met', { exact: true })).toBeInTheDocument();
    expect(
      screen.getByText(
        '0 missed, 0 without data, 1 without SLOs; 3 entities cannot have SLOs (domain, resource, group). Release gate at the end: 2 allow, 0 warn, 0 block.',
        { exact: true },
      ),
    ).toBeInTheDocument();
    // Ownership covers all five.
    expect(screen.getByText('in 0 of 5 entities')).toBeInTheDocument();
  });

  it('shows the summary as the backend counts it when every kind can have SLOs', async () => {
    await renderWithApi(
      <ReviewSummary review={REVIEW} />,
      mockStewardshipApi(),
    );
    expect(screen.getByText('1 of 2 met', { exact: true })).toBeInTheDocument();
    expect(
      screen.getByText(
        '1 missed, 0 without data, 0 without SLOs. Release gate at the end: 1 allow, 0 warn, 1 block.',
        { exact: true },
      ),
    ).toBeInTheDocument();
  });
});
