/*
 * A whole-catalog evaluation checks thousands of entities against one EntityIndex, and most of
 * them name the same few owners, systems and domains. Parsing each distinct ref and describing
 * each owner once per index, instead of once per role of every entity, halves the evaluation
 * time of the scorecard (see bench/scorecard.bench.ts). Results are shared, so they must be
 * treated as read-only, as everything in an EntityOwnership already is.
 */
import { Entity } from '@backstage/catalog-model';
import { ResolvedOwner } from '@stewardship/backstage-plugin-stewardship-common';
import { EntityIndex } from './EntityIndex';
import { ParsedOwnerRef, parseOwnerRef } from './parseOwnerRef';
import { resolveOwner } from './resolveOwner';

type Resolved = ReturnType<EntityIndex['resolve']>;

const memos = new WeakMap<
  EntityIndex,
  {
    ownerRefs: Map<string, ParsedOwnerRef>;
    /** By default kind, then default namespace, then ref: no key string built per lookup. */
    refs: Map<string, Map<string, Map<string, Resolved>>>;
    /** Per index: an owner's member and group counts depend on what the index holds. */
    owners: Map<Entity, ResolvedOwner>;
  }
>();

function memoOf(index: EntityIndex) {
  let memo = memos.get(index);
  if (!memo) {
    memo = { ownerRefs: new Map(), refs: new Map(), owners: new Map() };
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

/** `index.resolve`, once per distinct ref and context. */
export function resolveIn(
  index: EntityIndex,
  ref: unknown,
  context: { defaultKind: string; defaultNamespace: string },
): Resolved {
  if (typeof ref !== 'string') return index.resolve(ref, context);
  const { refs } = memoOf(index);
  let byNamespace = refs.get(context.defaultKind);
  if (!byNamespace) {
    byNamespace = new Map();
    refs.set(context.defaultKind, byNamespace);
  }
  let byRef = byNamespace.get(context.defaultNamespace);
  if (!byRef) {
    byRef = new Map();
    byNamespace.set(context.defaultNamespace, byRef);
  }
  if (!byRef.has(ref)) byRef.set(ref, index.resolve(ref, context));
  return byRef.get(ref);
}

/** {@link resolveOwner} against the index, once per entity object and index. */
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
