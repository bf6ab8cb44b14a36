import { ConflictError } from '@backstage/errors';
import { SloStore } from '../../database/SloStore';
import { ImportedSlo } from './openSloToSpec';
import { documentName } from './SpecDraft';

/**
 * The `409` an import gets when an SLO it holds is named as one its entity already has, with
 * each such SLO's document and the path of its name (as a `400`'s problems are), and the id of
 * the SLO that has the name. Checked before a preview (`dryRun`) answers and before anything is
 * stored, so a preview answers what the import would; the store checks again when it writes (a
 * name taken in between).
 */
export async function assertImportNamesFree(
  imported: ImportedSlo[],
  store: Pick<SloStore, 'listSlos'>,
): Promise<void> {
  const entityRefs = [...new Set(imported.map(({ spec }) => spec.entityRef))];
  if (!entityRefs.length) return;
  const { items } = await store.listSlos({ entityRefs });
  const taken = new Map(
    items.map(slo => [`${slo.entityRef} ${slo.name}`, slo.id]),
  );
  const clashes = imported.flatMap(({ spec, at }) => {
    const id = taken.get(`${spec.entityRef} ${spec.name}`);
    return id === undefined
      ? []
      : [
          `${documentName(at.document)}: ${at.path}: ${
            spec.entityRef
          } already has an SLO named "${
            spec.name
          }" (id ${id}). Choose another name.`,
        ];
  });
  if (clashes.length) {
    throw new ConflictError(`SLO names already taken:\n${clashes.join('\n')}`);
  }
}
