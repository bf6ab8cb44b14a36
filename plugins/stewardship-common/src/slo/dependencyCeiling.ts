/*
 * The dependency ceiling: the best availability an entity can promise given what the entities it
 * depends on promise. A request that needs every dependency succeeds at most as often as all of
 * them do together, so with independent failures the ceiling is the product of their
 * availability objectives (99.95 % × 99.9 % × 99.95 % × 99 % ≈ 98.8 %).
 */
import type { SloSpec } from './types';

/**
 * The availability an SLO promises: its objective, when its SLI is a ratio of good (or bad)
 * requests to all requests. Latency SLOs promise speed, not availability, and are not counted.
 *
 * @public
 */
export function isAvailabilitySlo(slo: Pick<SloSpec, 'sli'>): boolean {
  return slo.sli.type === 'ratio';
}

/**
 * A dependency's availability promise: the lowest objective among its availability SLOs (the
 * weakest of its promises is the one a dependent can count on), or undefined when it has none.
 *
 * @public
 */
export function availabilityPromise<
  T extends Pick<SloSpec, 'sli' | 'objective'>,
>(slos: readonly T[]): T | undefined {
  let weakest: T | undefined;
  for (const slo of slos) {
    if (!isAvailabilitySlo(slo)) continue;
    if (!weakest || slo.objective < weakest.objective) weakest = slo;
  }
  return weakest;
}

/**
 * The product of the dependencies' availability objectives (fractions, 0.999 = 99.9 %);
 * undefined when there are none, since nothing known then limits the entity.
 *
 * @public
 */
export function dependencyCeiling(
  objectives: readonly number[],
): number | undefined {
  if (objectives.length === 0) return undefined;
  return objectives.reduce((product, objective) => product * objective, 1);
}

/**
 * One dependency (a `dependsOn` relation of the entity) and what it promises.
 *
 * - `slo`: the availability SLO whose objective counts (the weakest, see
 *   {@link availabilityPromise}).
 * - `unknown`: why it does not count: `no-slo` (it has no availability SLO; the ceiling may be
 *   lower than shown) or `not-visible` (it is not in the catalog, or the caller may not read it).
 *
 * @public
 */
export interface DependencyAvailability {
  /** The dependency. */
  entityRef: string;
  /** Its catalog title, when it has one. */
  title?: string;
  /** The availability SLO whose objective counts. */
  slo?: { id: string; name: string; objective: number };
  /** Why no objective counts. */
  unknown?: 'no-slo' | 'not-visible';
}

/**
 * `GET entities/{kind}/{namespace}/{name}/slos/dependency-ceiling`.
 *
 * - `ceiling`: {@link dependencyCeiling} of the known dependencies; absent when none is known.
 * - `objectives`: the entity's own availability SLOs, each with `aboveCeiling` when its
 *   objective is higher than the ceiling (a promise its dependencies cannot keep).
 *
 * @public
 */
export interface EntityDependencyCeiling {
  /** The entity. */
  entityRef: string;
  /** Its `dependsOn` dependencies, by ref. */
  dependencies: DependencyAvailability[];
  /** The product of the known dependencies' objectives. */
  ceiling?: number;
  /** The entity's own availability SLOs. */
  objectives: Array<{
    /** The SLO's id. */
    id: string;
    /** The SLO's name. */
    name: string;
    /** Its objective (a fraction). */
    objective: number;
    /** True when the objective is above the ceiling. */
    aboveCeiling: boolean;
  }>;
}
