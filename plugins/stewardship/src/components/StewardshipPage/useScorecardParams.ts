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
import { PAGE_SIZES } from './FailingEntitiesTable';

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
 * Filters, grouping, page and page size of the scorecard, kept in the URL so a view can
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

  // The size travels with the page: page 3 holds other entities at 50 a page than at 20. A size
  // the table does not offer is ignored, as other unknown values are.
  const pageSize =
    PAGE_SIZES.find(size => String(size) === params.get('pageSize')) ??
    PAGE_SIZES[0];

  /** A new page, or a new page size with its page: one URL change for both. */
  const setPaging = useCallback(
    (value: number, size: number) => {
      setParams(
        previous => {
          const next = new URLSearchParams(previous);
          if (value > 0) {
            next.set('page', String(value));
          } else {
            next.delete('page');
          }
          if (size !== PAGE_SIZES[0] && PAGE_SIZES.includes(size)) {
            next.set('pageSize', String(size));
          } else {
            next.delete('pageSize');
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  return { filter, groupBy, page, pageSize, setParam, setPaging };
}
