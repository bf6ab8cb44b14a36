/*
 * The one staleness rule of the SLO tab, single-SLO status, the overview and the planning review,
 * with the boundaries worked out by hand.
 */
import { SloDefinition } from '@stewardship/backstage-plugin-stewardship-common';
import { isSnapshotStale, sloVersionsAt } from './isSnapshotStale';

const AT = new Date('2026-11-30T12:00:00.000Z');
const TEN_MINUTES = 600_000;

describe('isSnapshotStale', () => {
  const taken = (msBefore: number, sloVersion = 3) => ({
    sloVersion,
    at: new Date(AT.getTime() - msBefore).toISOString(),
  });

  it('is stale only once older than the staleness limit, not at it', () => {
    // 10 min old against a 10 min limit: not older than it. 10 min + 1 ms: older.
    expect(isSnapshotStale(taken(TEN_MINUTES), AT, 3, TEN_MINUTES)).toBe(false);
    expect(isSnapshotStale(taken(TEN_MINUTES + 1), AT, 3, TEN_MINUTES)).toBe(
      true,
    );
  });

  it('is stale when taken for an older version than the SLO had at the moment', () => {
    expect(isSnapshotStale(taken(0, 2), AT, 3, TEN_MINUTES)).toBe(true);
    expect(isSnapshotStale(taken(0, 3), AT, 3, TEN_MINUTES)).toBe(false);
  });
});

describe('sloVersionsAt', () => {
  const slo = { id: 'slo-1', version: 5 } as SloDefinition;

  it("is today's version without a moment", async () => {
    const versionOf = await sloVersionsAt(
      { versionsAsOf: async () => new Map() },
      [slo],
      undefined,
    );
    expect(versionOf(slo)).toBe(5);
  });

  it('is the version then, and 0 for an SLO created after the moment', async () => {
    // Version 2 as of the moment; an SLO the revisions do not know then did not exist: 0, so a
    // snapshot stored for that moment later is not stale by version (0 < its version is false).
    const known = await sloVersionsAt(
      { versionsAsOf: async () => new Map([['slo-1', 2]]) },
      [slo],
      AT,
    );
    expect(known(slo)).toBe(2);
    const unknown = await sloVersionsAt(
      { versionsAsOf: async () => new Map() },
      [slo],
      AT,
    );
    expect(unknown(slo)).toBe(0);
  });
});
