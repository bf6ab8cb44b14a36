/*
 * Which entity kinds can have SLOs: the one list the frontend (the SLOs tab and its alpha filter),
 * the backend (the SLO overview's coverage, notification links) and the planning review share.
 */

/**
 * The entity kinds an SLO can belong to, in lower case: Component and API (what an SLI measures:
 * a service, a website, an endpoint) and System (it gathers its components' SLOs and may carry
 * journey-level SLOs of its own). Other kinds (domains, resources, groups, users…) own or host
 * services but are not measured by an SLI themselves: they have no SLOs tab (unless an app adds
 * it to them), the SLO overview does not count them as uncovered, and their planning-review rows
 * are `not-applicable`.
 *
 * @public
 */
export const SLO_KINDS: readonly string[] = Object.freeze([
  'component',
  'api',
  'system',
]);

/**
 * Whether entities of this kind can have SLOs ({@link SLO_KINDS}); the kind in any case, as the
 * catalog compares kinds (`Component`, `API`).
 *
 * @public
 */
export function isSloKind(kind: string): boolean {
  return SLO_KINDS.includes(kind.toLocaleLowerCase('en-US'));
}
