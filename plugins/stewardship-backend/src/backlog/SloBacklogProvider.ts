import { Entity, parseEntityRef } from '@backstage/catalog-model';
import {
  BacklogProvider,
  BacklogProviderItem,
  BacklogReadRequest,
  BacklogReadResult,
} from '@stewardship/backstage-plugin-stewardship-node';
import {
  EntitySlo,
  ReleaseGateLastKnown,
  compareText,
  formatInstant,
  formatPercent,
} from '@stewardship/backstage-plugin-stewardship-common';
import { SloStore } from '../database/SloStore';
import { SloService } from '../slo/SloService';

/** The SLO tab of an entity in the app, where an SLO item links to. */
export function sloTabUrl(appBaseUrl: string, entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `${appBaseUrl.replace(/\/+$/, '')}/catalog/${encodeURIComponent(
    namespace,
  )}/${encodeURIComponent(kind)}/${encodeURIComponent(name)}/slos`;
}

/** An SLO the backlog lists, as of its latest snapshot or, without data now, its last known one. */
type Breach = {
  slo: EntitySlo['slo'];
  evaluation: NonNullable<EntitySlo['evaluation']>;
  status: 'exhausted' | 'at-risk';
  remaining?: number;
  /** Set when the latest snapshot is `no-data`: the state the item stands for. */
  lastKnown?: ReleaseGateLastKnown;
};

const isBreach = (status: string | undefined): status is Breach['status'] =>
  status === 'exhausted' || status === 'at-risk';

const budgetLeft = (remaining: number | undefined) =>
  remaining === undefined
    ? ''
    : ` (${formatPercent(remaining, 1)} of the budget left)`;

/**
 * Built in: each of the entity's SLOs whose latest stored snapshot is `exhausted` or `at-risk` is
 * a reliability item linking to the SLO, exhausted ones first, then by the budget left (least
 * first). So is an SLO whose latest snapshot is `no-data` (its metric source is down, say) but
 * whose last known state (its latest snapshot with data) was `exhausted` or `at-risk`: the item
 * stands for that state, ranks and is prioritised as it, and its title says both (`SLO x has no
 * data now; last known exhausted (−141.3 % of the budget left) as of 2026-11-30 10:05 UTC`).
 * Reads stored snapshots only, never a metric source: the last known states in one read, for the
 * `no-data` SLOs only, and none when there is no such SLO. An item stands for the current breach,
 * so its age counts from when that breach began: the first exhausted or at-risk snapshot after
 * the last healthy one (`no-data` snapshots do not end it). Its title says the budget left as the
 * SLOs tab writes it (`formatPercent` to one decimal: `−142.3 %`, `0.04 %`).
 */
export class SloBacklogProvider implements BacklogProvider {
  readonly id = 'slos';
  readonly title = 'SLOs';

  constructor(
    private readonly deps: {
      slos: Pick<SloService, 'entityStatuses' | 'breachStartedAt'>;
      /** Where an SLO without data now finds its last known state. */
      snapshots: Pick<SloStore, 'lastKnownStates'>;
      appBaseUrl: string;
    },
  ) {}

  appliesTo(_entity: Entity): boolean {
    return true;
  }

  async readItems(request: BacklogReadRequest): Promise<BacklogReadResult> {
    const statuses = await this.deps.slos.entityStatuses(
      request.entityRef,
      undefined,
    );
    const breached = (await this.breaches(statuses)).sort(
      (a, b) =>
        Number(b.status === 'exhausted') - Number(a.status === 'exhausted') ||
        (a.remaining ?? 0) - (b.remaining ?? 0) ||
        compareText(a.slo.name, b.slo.name),
    );
    const link = sloTabUrl(this.deps.appBaseUrl, request.entityRef);
    // Without data now, the breach is the one the last known snapshot is part of.
    const began = await Promise.all(
      breached.map(({ slo, evaluation, lastKnown }) =>
        this.deps.slos.breachStartedAt(
          slo.id,
          new Date((lastKnown ?? evaluation).at),
        ),
      ),
    );
    const items = breached.map(
      ({ slo, evaluation, status, remaining, lastKnown }, i) => {
        const exhausted = status === 'exhausted';
        const title = lastKnown
          ? `SLO ${slo.name} has no data now; last known ${
              exhausted ? 'exhausted' : 'at risk'
            }${budgetLeft(remaining)} as of ${formatInstant(lastKnown.at)}`
          : `SLO ${slo.name} is ${
              exhausted ? 'out of error budget' : 'at risk'
            }${budgetLeft(remaining)}`;
        const item: BacklogProviderItem = {
          id: `slo:${slo.id}`,
          key: slo.name,
          title,
          link,
          type: 'slo',
          labels: ['slo'],
          priority: exhausted ? 'Highest' : 'High',
          createdAt: began[i] ?? (lastKnown ?? evaluation).at,
          updatedAt: evaluation.evaluatedAt,
          status: evaluation.status,
          reliability: true,
          reliabilityReason: 'built-in SLO item',
        };
        return item;
      },
    );
    return {
      items: items.slice(0, request.maxItems),
      truncated: items.length > request.maxItems,
    };
  }

  /**
   * The SLOs that are work items: breached as of their latest snapshot, or `no-data` now and
   * breached as of their last known state (read as of the latest of those `no-data` snapshots).
   */
  private async breaches(statuses: EntitySlo[]): Promise<Breach[]> {
    const noData = statuses.filter(
      ({ evaluation }) => evaluation?.status === 'no-data',
    );
    const known =
      noData.length === 0
        ? new Map<string, ReleaseGateLastKnown>()
        : await this.deps.snapshots.lastKnownStates(
            noData.map(({ slo }) => slo.id),
            new Date(
              Math.max(
                ...noData.map(({ evaluation }) => Date.parse(evaluation!.at)),
              ),
            ),
          );
    const breaches: Breach[] = [];
    for (const { slo, evaluation } of statuses) {
      if (!evaluation) continue;
      if (isBreach(evaluation.status)) {
        breaches.push({
          slo,
          evaluation,
          status: evaluation.status,
          remaining: evaluation.errorBudget?.remaining,
        });
        continue;
      }
      const lastKnown =
        evaluation.status === 'no-data' ? known.get(slo.id) : undefined;
      if (lastKnown && isBreach(lastKnown.status)) {
        breaches.push({
          slo,
          evaluation,
          status: lastKnown.status,
          remaining: lastKnown.budgetRemaining,
          lastKnown,
        });
      }
    }
    return breaches;
  }
}
