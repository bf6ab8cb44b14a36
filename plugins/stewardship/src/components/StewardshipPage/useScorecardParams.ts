import {
  OWNERSHIP_STATUSES,
  OwnershipStatus,
  SCORECARD_GROUP_BYS,
  ScorecardFilter,
  ScorecardGroupBy,
  isOwnershipRole,
} from '@stewardship/backstage-plugin-stewardship-common';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

/** The URL search parameters the scorecard page keeps its state in. */
export type ScorecardParam = keyof ScorecardFilter | 'groupBy';

const TEXT_FILTERS = ['kind', 'type', 'owner', 'system', 'domain'] as const;

function oneOf<T extends string>(
  value: string | null,
  allowed: readonly T[],
): T | undefined {
  return allowed.find(a => a === value);
}

/**
 * Filters, grouping and page of the scorecard, kept in the URL so a view can
 * be bookmarked and shared. Unknown values are ignored rather than sent.
 */
export function useScorecardParams() {
  const [params, setParams] = useSearchParams();

  const filter = useMemo(() => {
    const result: ScorecardFilter = {};
    for (const key of TEXT_FILTERS) {
      const value = params.get(key);
      if (value) {
        // Kinds are matched whatever their case, and listed (the picker, a group's key) in
        // lower case: `Component` from a hand-written link is the picker's `component`.
        result[key] = key === 'kind' ? value.toLocaleLowerCase('en-US') : value;
      }
    }
    const status = oneOf<OwnershipStatus>(
      params.get('status'),
      OWNERSHIP_STATUSES,
    );
    if (status) {
      result.status = status;
    }
    const role = params.get('role');
    if (isOwnershipRole(role)) {
      result.role = role;
    }
    return result;
  }, [params]);

  const groupBy = oneOf<ScorecardGroupBy>(
    params.get('groupBy'),
    SCORECARD_GROUP_BYS,
  );
  const page = Math.max(0, Number.parseInt(params.get('page') ?? '0', 10) || 0);

  const setParam = useCallback(
    (key: ScorecardParam, value: string | undefined) => {
      setParams(
        previous => {
          const next = new URLSearchParams(previous);
          if (value) {
            next.set(key, value);
          } else {
            next.delete(key);
          }
          // Another filter means another list: start at its first page.
          next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const setPage = useCallback(
    (value: number) => {
      setParams(
        previous => {
          const next = new URLSearchParams(previous);
          if (value > 0) {
            next.set('page', String(value));
          } else {
            next.delete('page');
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  return { filter, groupBy, page, setParam, setPage };
}
