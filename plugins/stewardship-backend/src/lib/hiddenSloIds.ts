import { BackstageCredentials } from '@backstage/backend-plugin-api';
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
