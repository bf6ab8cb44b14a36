import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/**
 * Catalog entities by ref, for evaluating many entities without a request per lookup.
 * Refs are compared case-insensitively, as the catalog does.
 */
export class EntityIndex {
  readonly #byRef = new Map<string, Entity>();

  constructor(entities: Iterable<Entity>) {
    for (const entity of entities) {
      this.#byRef.set(refKey(stringifyEntityRef(entity)), entity);
    }
  }

  get(entityRef: string): Entity | undefined {
    return this.#byRef.get(refKey(entityRef));
  }

  /**
   * Resolves a possibly short ref from an entity's spec (e.g. `spec.system: payments`)
   * in the context of that entity, the way the catalog does.
   */
  resolve(
    ref: unknown,
    context: { defaultKind: string; defaultNamespace: string },
  ): { entityRef: string; entity?: Entity } | undefined {
    if (typeof ref !== 'string' || !ref) {
      return undefined;
    }
    try {
      const entityRef = stringifyEntityRef(parseEntityRef(ref, context));
      return { entityRef, entity: this.get(entityRef) };
    } catch {
      return undefined;
    }
  }
}

function refKey(entityRef: string) {
  return entityRef.toLocaleLowerCase('en-US');
}
