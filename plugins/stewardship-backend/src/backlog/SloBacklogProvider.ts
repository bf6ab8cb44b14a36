import { Entity, parseEntityRef } from '@backstage/catalog-model';
import {
  BacklogProvider,
  BacklogProviderItem,
  BacklogReadRequest,
  BacklogReadResult,
} from '@stewardship/backstage-plugin-stewardship-node';
import {
  compareText,
  formatPercent,
} from '@stewardship/backstage-plugin-stewardship-common';
import { SloService } from '../slo/SloService';

/** The SLO tab of an entity in the app, where an SLO item links to. */
export function sloTabUrl(appBaseUrl: string, entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `${appBaseUrl.replace(/\/+$/, '')}/catalog/${encodeURIComponent(
    namespace,
  )}/${encodeURIComponent(kind)}/${encodeURIComponent(name)}/slos`;
}

/**
 * Built in: each of the entity's SLOs whose latest stored snapshot is `exhausted` or `at-risk` is
 * a reliability item linking to the SLO, exhausted ones first, then by the budget left (least
 * first). Reads stored snapshots only, never a metric source. An item stands for the current
 * breach, so its age counts from when that breach began: the first exhausted or at-risk snapshot
 * after the last healthy one. Its title says the budget left as the SLOs tab writes it
 * (`formatPercent` to one decimal: `−142.3 %`, `0.04 %`).
 */
export class SloBacklogProvider implements BacklogProvider {
  readonly id = 'slos';
  readonly title = 'SLOs';

  constructor(
    private readonly deps: {
      slos: Pick<SloService, 'entityStatuses' | 'breachStartedAt'>;
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
    const breached = statuses
      .filter(
        ({ evaluation }) =>
          evaluation?.status === 'exhausted' ||
          evaluation?.status === 'at-risk',
      )
      .sort(
        (a, b) =>
          Number(b.evaluation!.status === 'exhausted') -
            Number(a.evaluation!.status === 'exhausted') ||
          (a.evaluation!.errorBudget?.remaining ?? 0) -
            (b.evaluation!.errorBudget?.remaining ?? 0) ||
          compareText(a.slo.name, b.slo.name),
      );
    const link = sloTabUrl(this.deps.appBaseUrl, request.entityRef);
    const began = await Promise.all(
      breached.map(({ slo, evaluation }) =>
        this.deps.slos.breachStartedAt(slo.id, new Date(evaluation!.at)),
      ),
    );
    const items = breached.map(
      ({ slo, evaluation }, i): BacklogProviderItem => {
        const exhausted = evaluation!.status === 'exhausted';
        const remaining = evaluation!.errorBudget?.remaining;
        return {
          id: `slo:${slo.id}`,
          key: slo.name,
          title: `SLO ${slo.name} is ${
            exhausted ? 'out of error budget' : 'at risk'
          }${
            remaining === undefined
              ? ''
              : ` (${formatPercent(remaining, 1)} of the budget left)`
          }`,
          link,
          type: 'slo',
          labels: ['slo'],
          priority: exhausted ? 'Highest' : 'High',
          createdAt: began[i] ?? evaluation!.at,
          updatedAt: evaluation!.evaluatedAt,
          status: evaluation!.status,
          reliability: true,
          reliabilityReason: 'built-in SLO item',
        };
      },
    );
    return {
      items: items.slice(0, request.maxItems),
      truncated: items.length > request.maxItems,
    };
  }
}
