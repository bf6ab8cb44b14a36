import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { normalizeEntityRef } from '../lib/entityRefs';

/**
 * Catalog entities by ref, for evaluating many entities without a request per lookup.
 * Refs are compared case-insensitively, as the catalog does.
 */
export class EntityIndex {
  readonly #byRef = new Map<string, Entity>();
  readonly #refs = new Map<Entity, string>();
  readonly #alsoInCatalog = new Set<string>();
  readonly #hidden = new Set<string>();

  /**
   * @param alsoInCatalog - see {@link EntityIndex.addInCatalog}.
   * @param hidden - see {@link EntityIndex.addHidden}.
   */
  constructor(
    entities: Iterable<Entity>,
    alsoInCatalog: Iterable<string> = [],
    hidden: Iterable<Entity> = [],
  ) {
    for (const entity of entities) {
      // The catalog's own lower-case form of the entity's ref, which is what normalizeEntityRef
      // returns for any valid ref; an entity is never dropped for a name our validators dislike.
      const ref = stringifyEntityRef(entity);
      this.#byRef.set(ref, entity);
      this.#refs.set(entity, ref);
    }
    this.addHidden(hidden);
    this.addInCatalog(alsoInCatalog);
  }

  /**
   * Refs (lower-case, as the catalog spells them) of further entities known to be in the
   * catalog but read without their bodies: {@link EntityIndex.has} knows them,
   * {@link EntityIndex.get} does not return them. Added before anything is evaluated against
   * the index (evaluations are memoised per index).
   */
  addInCatalog(refs: Iterable<string>): void {
    for (const ref of refs) this.#alsoInCatalog.add(ref);
  }

  /**
   * Entities the caller may not read, read with the plugin's own access so that what the caller
   * sees is judged as for everyone: {@link EntityIndex.get} returns them and
   * {@link EntityIndex.isHidden} says which they are. Added before anything is evaluated.
   */
  addHidden(entities: Iterable<Entity>): void {
    for (const entity of entities) {
      const ref = stringifyEntityRef(entity);
      this.#byRef.set(ref, entity);
      this.#refs.set(entity, ref);
      this.#hidden.add(ref);
    }
  }

  /** The entity's ref as the catalog writes it (`stringifyEntityRef`), remembered for those held. */
  refOf(entity: Entity): string {
    return this.#refs.get(entity) ?? stringifyEntityRef(entity);
  }

  /** Whether the entity (read, by the catalog's lower-case ref) is one the caller may not read. */
  isHidden(entity: Entity): boolean {
    return this.#hidden.size > 0 && this.#hidden.has(this.refOf(entity));
  }

  /** Whether the catalog holds the entity a full ref (any case) names, as far as read. */
  has(entityRef: string): boolean {
    if (this.get(entityRef)) return true;
    if (this.#alsoInCatalog.size === 0) return false;
    if (this.#alsoInCatalog.has(entityRef)) return true;
    try {
      return this.#alsoInCatalog.has(normalizeEntityRef(entityRef));
    } catch {
      return false;
    }
  }

  /**
   * The entity a ref in the catalog's lower-case form names (as parseOwnerRef, normalizeEntityRef
   * and {@link EntityIndex.refOf} give them): no other spelling is read, so a miss costs nothing.
   */
  lookup(entityRef: string): Entity | undefined {
    return this.#byRef.get(entityRef);
  }

  /** The entity a full ref (any case) names; undefined when absent or not a ref. */
  get(entityRef: string): Entity | undefined {
    // Refs from parseOwnerRef and resolve are normalised already: look them up as they are.
    const found = this.#byRef.get(entityRef);
    if (found) return found;
    try {
      return this.#byRef.get(normalizeEntityRef(entityRef));
    } catch {
      return undefined;
    }
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
      const entityRef = normalizeEntityRef(ref, context);
      return { entityRef, entity: this.#byRef.get(entityRef) };
    } catch {
      return undefined;
    }
  }
}
