/*
 * A whole-catalog evaluation checks thousands of entities against one EntityIndex, and most of
 * them name the same few owners, systems and domains. Parsing each distinct ref and describing
 * each owner once per index, instead of once per role of every entity, halves the evaluation
 * time of the scorecard (see bench/scorecard.bench.ts). Results are shared, so they must be
 * treated as read-only, as everything in an EntityOwnership already is.
 *
 * Two kinds of memo: parsing and normalising ({@link parseOwnerRefIn}, {@link refIn}) depend on
 * the value alone, so they may be used while the index is still being filled (the reads of
 * hidden dependencies parse the same annotations the evaluation parses next); resolving and
 * describing ({@link resolveIn}, {@link describeOwner}) depend on what the index holds, so only
 * once it is complete.
 */
import { Entity } from '@backstage/catalog-model';
import { ResolvedOwner } from '@stewardship/backstage-plugin-stewardship-common';
import { EntityIndex } from './EntityIndex';
import { ParsedOwnerRef, parseOwnerRef } from './parseOwnerRef';
import { resolveOwner } from './resolveOwner';

type Resolved = ReturnType<EntityIndex['resolve']>;

/** Keyed by default kind, then default namespace, then ref: no key string built per lookup. */
type ByContext<T> = Map<string, Map<string, Map<string, T>>>;

const memos = new WeakMap<
  EntityIndex,
  {
    ownerRefs: Map<string, ParsedOwnerRef>;
    /** Normalised refs (undefined: not a ref); depend on the value alone. */
    refs: ByContext<string | undefined>;
    /** Refs with the entity they name; depend on what the index holds. */
    resolved: ByContext<Resolved>;
    /** Per index: an owner's member and group counts depend on what the index holds. */
    owners: Map<Entity, ResolvedOwner>;
  }
>();

function memoOf(index: EntityIndex) {
  let memo = memos.get(index);
  if (!memo) {
    memo = {
      ownerRefs: new Map(),
      refs: new Map(),
      resolved: new Map(),
      owners: new Map(),
    };
    memos.set(index, memo);
  }
  return memo;
}

/** {@link parseOwnerRef}, once per distinct value and index. */
export function parseOwnerRefIn(
  index: EntityIndex,
  value: string,
): ParsedOwnerRef {
  const { ownerRefs } = memoOf(index);
  let parsed = ownerRefs.get(value);
  if (!parsed) {
    parsed = parseOwnerRef(value);
    ownerRefs.set(value, parsed);
  }
  return parsed;
}

/** The memo of one context, created on first use. */
function inContext<T>(
  memo: ByContext<T>,
  context: { defaultKind: string; defaultNamespace: string },
): Map<string, T> {
  let byNamespace = memo.get(context.defaultKind);
  if (!byNamespace) {
    byNamespace = new Map();
    memo.set(context.defaultKind, byNamespace);
  }
  let byRef = byNamespace.get(context.defaultNamespace);
  if (!byRef) {
    byRef = new Map();
    byNamespace.set(context.defaultNamespace, byRef);
  }
  return byRef;
}

/**
 * A possibly short ref from an entity's spec, normalised in the context of that entity (see
 * `EntityIndex.resolve`), once per distinct ref and context; undefined when it is no ref.
 */
export function refIn(
  index: EntityIndex,
  ref: unknown,
  context: { defaultKind: string; defaultNamespace: string },
): string | undefined {
  if (typeof ref !== 'string') return undefined;
  const byRef = inContext(memoOf(index).refs, context);
  if (!byRef.has(ref)) byRef.set(ref, index.resolve(ref, context)?.entityRef);
  return byRef.get(ref);
}

/** `index.resolve`, once per distinct ref and context; only once the index is complete. */
export function resolveIn(
  index: EntityIndex,
  ref: unknown,
  context: { defaultKind: string; defaultNamespace: string },
): Resolved {
  if (typeof ref !== 'string') return index.resolve(ref, context);
  const byRef = inContext(memoOf(index).resolved, context);
  if (!byRef.has(ref)) {
    const entityRef = refIn(index, ref, context);
    byRef.set(
      ref,
      entityRef === undefined
        ? undefined
        : { entityRef, entity: index.lookup(entityRef) },
    );
  }
  return byRef.get(ref);
}

/**
 * {@link resolveOwner} against the index, once per entity object and index; only once the index
 * is complete.
 */
export function describeOwner(
  index: EntityIndex,
  entity: Entity,
): ResolvedOwner {
  const { owners } = memoOf(index);
  let owner = owners.get(entity);
  if (!owner) {
    owner = resolveOwner(entity, index);
    owners.set(entity, owner);
  }
  return owner;
}
