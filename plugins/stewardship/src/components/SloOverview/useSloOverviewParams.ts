import {
  SLO_OVERVIEW_STATUSES,
  SloOverviewFilter,
} from '@stewardship/backstage-plugin-stewardship-common';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { fullEntityRef } from '../useEntityTitles';

/** The overview's filters as URL parameters, apart from the ownership scorecard's own. */
export const SLO_OVERVIEW_PARAMS = {
  owner: 'sloOwner',
  system: 'sloSystem',
  status: 'sloStatus',
} as const;

/**
 * The SLO overview's filters, kept in the URL so a view can be bookmarked and shared. An
 * unknown status is ignored rather than sent; owner and system refs are read as full refs.
 */
export function useSloOverviewParams() {
  const [params, setParams] = useSearchParams();

  const filter = useMemo(() => {
    const result: SloOverviewFilter = {};
    const owner = params.get(SLO_OVERVIEW_PARAMS.owner);
    const system = params.get(SLO_OVERVIEW_PARAMS.system);
    const status = SLO_OVERVIEW_STATUSES.find(
      s => s === params.get(SLO_OVERVIEW_PARAMS.status),
    );
    // In the pickers' form (`group:default/commerce`), so that a link's `sloOwner=commerce`
    // selects its option rather than leaving "Any owner" above a filtered list.
    if (owner) result.owner = fullEntityRef(owner, 'group');
    if (system) result.system = fullEntityRef(system, 'system');
    if (status) result.status = status;
    return result;
  }, [params]);

  const setFilter = useCallback(
    (key: keyof SloOverviewFilter, value: string | undefined) => {
      setParams(
        previous => {
          const next = new URLSearchParams(previous);
          if (value) {
            next.set(SLO_OVERVIEW_PARAMS[key], value);
          } else {
            next.delete(SLO_OVERVIEW_PARAMS[key]);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  return { filter, setFilter };
}
