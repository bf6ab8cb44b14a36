import { parseEntityRef } from '@backstage/catalog-model';

/** An entity ref's kind in lower case (`System:default/payments` → `system`). */
export const kindOfRef = (entityRef: string) =>
  parseEntityRef(entityRef).kind.toLocaleLowerCase('en-US');
