import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { SloDefinition } from '@stewardship/backstage-plugin-stewardship-common';
import { SloStore } from '../database/SloStore';
import { CatalogVisibility } from './CatalogVisibility';

/**
 * The SLOs among `sloIds` whose entity the caller cannot see in the catalog (one catalog read for
 * all of them); with `missingAsHidden`, also those that do not exist (or no longer do). What an
 * incident names of other entities' SLOs (its affected SLOs, their budget cost) is told only to
 * those who may read them.
 */
export async function hiddenSloIds(
  sloIds: readonly string[],
  credentials: BackstageCredentials,
  deps: {
    slos: Pick<SloStore, 'getSlo'>;
    visibility: Pick<CatalogVisibility, 'readableRefs'>;
  },
  options: { missingAsHidden?: boolean } = {},
): Promise<Set<string>> {
  const unique = [...new Set(sloIds)];
  if (unique.length === 0) return new Set();
  const slos = await Promise.all(
    unique.map(async sloId => ({ sloId, slo: await deps.slos.getSlo(sloId) })),
  );
  const refs = [
    ...new Set(slos.flatMap(({ slo }) => (slo ? [slo.entityRef] : []))),
  ];
  const readable = refs.length
    ? await deps.visibility.readableRefs(refs, credentials)
    : new Set<string>();
  return new Set(
    slos
      .filter(({ slo }) =>
        slo ? !readable.has(slo.entityRef) : options.missingAsHidden,
      )
      .map(({ sloId }) => sloId),
  );
}

/**
 * `slos` reading each SLO once: for one request whose steps (the visibility check, the budget
 * calculation) each need the same SLOs.
 */
export function readingEachSloOnce(
  slos: Pick<SloStore, 'getSlo'>,
): Pick<SloStore, 'getSlo'> {
  const reads = new Map<string, Promise<SloDefinition | undefined>>();
  return {
    getSlo(id) {
      let read = reads.get(id);
      if (!read) {
        read = slos.getSlo(id);
        reads.set(id, read);
      }
      return read;
    },
  };
}
