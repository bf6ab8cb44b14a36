import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { CoverageSummary } from '@stewardship/backstage-plugin-stewardship-common';
import { CoverageCard } from './CoverageCard';

const counts = (ok: number, missing: number, exempt: number) => ({
  ok,
  missing,
  unresolved: 0,
  invalid: 0,
  orphaned: 0,
  exempt,
});

describe('CoverageCard', () => {
  it('counts exempt roles apart from the problems, and unconfirmed ones per role', async () => {
    const summary: CoverageSummary = {
      entities: 10,
      compliant: 7,
      roles: {
        business: counts(7, 1, 2),
        product: counts(10, 0, 0),
        engineering: counts(9, 1, 0),
      },
      attestations: {
        business: { current: 4, stale: 1, none: 2 },
        product: { current: 10, stale: 0, none: 0 },
        engineering: { current: 0, stale: 3, none: 6 },
      },
    };
    await renderInTestApp(<CoverageCard summary={summary} />);
    expect(screen.getAllByText('missing 1')).toHaveLength(2);
    expect(screen.getByText('exempt 2')).toBeInTheDocument();
    expect(screen.getAllByText('exempt 0')).toHaveLength(2);
    expect(screen.getByText('unconfirmed 3 (stale 1)')).toBeInTheDocument();
    expect(screen.getByText('unconfirmed 0 (stale 0)')).toBeInTheDocument();
    expect(screen.getByText('unconfirmed 9 (stale 3)')).toBeInTheDocument();
  });
});
