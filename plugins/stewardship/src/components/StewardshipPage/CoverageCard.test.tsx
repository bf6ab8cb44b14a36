import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import {
  AttestationCounts,
  CoverageSummary,
} from '@stewardship/backstage-plugin-stewardship-common';
import { CoverageCard } from './CoverageCard';

const counts = (
  ok: number,
  missing: number,
  exempt: number,
  { unresolved = 0, invalid = 0, orphaned = 0 } = {},
) => ({
  ok,
  missing,
  unresolved,
  invalid,
  orphaned,
  exempt,
});

const EXEMPT = '(counted as met until the exemption ends)';
const WHY = '(the confirmation expired or the owner changed)';

describe('CoverageCard', () => {
  it('says in words what is wrong, what is exempt and what is not confirmed, per role', async () => {
    const summary: CoverageSummary = {
      entities: 10,
      compliant: 7,
      roles: {
        business: counts(7, 1, 2),
        product: counts(10, 0, 0),
        engineering: counts(6, 1, 0, {
          unresolved: 1,
          invalid: 1,
          orphaned: 1,
        }),
      },
      attestations: {
        business: { current: 4, stale: 1, none: 2 },
        product: { current: 10, stale: 0, none: 0 },
        engineering: { current: 0, stale: 0, none: 6 },
      },
    };
    await renderInTestApp(<CoverageCard summary={summary} />);
    expect(screen.getAllByText('1 missing (none declared)')).toHaveLength(2);
    expect(
      screen.getByText('1 unresolved (names no catalog entity)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('1 invalid (not a single user or group)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('1 orphaned (an empty group, or a user in no group)'),
    ).toBeInTheDocument();
    expect(screen.getByText('No problems')).toBeInTheDocument();
    expect(screen.getByText(`2 exempt ${EXEMPT}`)).toBeInTheDocument();
    expect(screen.getAllByText(`0 exempt ${EXEMPT}`)).toHaveLength(2);
    // Business: 1 stale + 2 none = 3 not confirmed: 2 never, 1 no longer.
    expect(
      screen.getByText(
        `3 of these not confirmed by their holder: 2 never, 1 no longer ${WHY}`,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('All of these confirmed by their holder'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('6 of these never confirmed by their holder'),
    ).toBeInTheDocument();
  });

  it('lists each problem status of a role on its own line', async () => {
    const summary: CoverageSummary = {
      entities: 10,
      compliant: 4,
      roles: {
        business: counts(4, 3, 0, { invalid: 2, orphaned: 1 }),
        product: counts(10, 0, 0),
        engineering: counts(10, 0, 0),
      },
    };
    await renderInTestApp(<CoverageCard summary={summary} />);
    const lines = screen.getByText('3 missing (none declared)').closest('ul')!;
    expect([...lines.querySelectorAll('li')].map(li => li.textContent)).toEqual(
      [
        '3 missing (none declared)',
        '2 invalid (not a single user or group)',
        '1 orphaned (an empty group, or a user in no group)',
      ],
    );
    // Without attestations, nothing is said about confirmation.
    expect(screen.queryByText(/confirm/)).not.toBeInTheDocument();
  });

  it.each<[AttestationCounts, string]>([
    [
      { current: 2, stale: 4, none: 0 },
      `4 of these no longer confirmed by their holder ${WHY}`,
    ],
    [
      { current: 0, stale: 5, none: 21 },
      `26 of these not confirmed by their holder: 21 never, 5 no longer ${WHY}`,
    ],
    [{ current: 0, stale: 0, none: 0 }, 'None to confirm'],
  ])('says %p as %p', async (attestation, expected) => {
    // The other roles all confirmed: their line differs from each expected one.
    const confirmed = { current: 1, stale: 0, none: 0 };
    const summary: CoverageSummary = {
      entities: 30,
      compliant: 0,
      roles: {
        business: counts(0, 30, 0),
        product: counts(0, 30, 0),
        engineering: counts(0, 30, 0),
      },
      attestations: {
        business: attestation,
        product: confirmed,
        engineering: confirmed,
      },
    };
    await renderInTestApp(<CoverageCard summary={summary} />);
    // In the business owner's tile (its heading's parent), not another's.
    const tile = screen.getByRole('heading', {
      name: 'Business owner',
    }).parentElement!;
    expect(within(tile).getByText(expected)).toBeInTheDocument();
  });
});
