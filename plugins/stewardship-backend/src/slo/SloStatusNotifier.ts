/*
 * Tells an entity's owners when one of its SLOs changes state: healthy → at-risk → exhausted and
 * back. One Backstage notification per SLO, updated in place (its `scope` is the SLO), so a
 * flapping SLO keeps one notification current instead of filling the inbox; a run in which the
 * status did not change sends nothing. `no-data` is no state to tell owners about (the source is
 * down, or there is no traffic): changes into or out of it are not notified.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  SloDefinition,
  SloEvaluation,
  SloStatus,
} from '@stewardship/backstage-plugin-stewardship-common';

/** One SLO whose status a run changed. */
export interface SloStatusChange {
  slo: Pick<SloDefinition, 'id' | 'name' | 'entityRef'>;
  previous: SloEvaluation;
  current: SloEvaluation;
}

/** Gets the SLOs a run evaluated with their previous and new snapshots. */
export interface SloStatusListener {
  statusesChanged(changes: SloStatusChange[]): Promise<void>;
}

type Notified = Exclude<SloStatus, 'no-data'>;

const SEVERITY: Record<Notified, 'critical' | 'high' | 'normal'> = {
  exhausted: 'critical',
  'at-risk': 'high',
  healthy: 'normal',
};

const percent = (fraction: number) =>
  `${Number((fraction * 100).toFixed(2))} %`;

/** The topic of every SLO status notification (users can mute it in their settings). */
export const SLO_STATUS_TOPIC = 'stewardship-slo-status';

export class SloStatusNotifier implements SloStatusListener {
  constructor(
    private readonly notifications: NotificationService,
    private readonly logger: LoggerService,
  ) {}

  async statusesChanged(changes: SloStatusChange[]): Promise<void> {
    for (const { slo, previous, current } of changes) {
      if (
        previous.status === current.status ||
        previous.status === 'no-data' ||
        current.status === 'no-data'
      ) {
        continue;
      }
      const { kind, namespace, name } = parseEntityRef(slo.entityRef);
      const budget = current.errorBudget
        ? ` ${percent(
            current.errorBudget.remaining,
          )} of the error budget is left.`
        : '';
      const firing = current.alerts
        .filter(alert => alert.firing)
        .map(alert => alert.policy.name);
      try {
        await this.notifications.send({
          // The entity's owner (its ownedBy group's members, or the owning user).
          recipients: { type: 'entity', entityRef: slo.entityRef },
          payload: {
            title: `${name}: SLO "${slo.name}" is ${current.status} (was ${previous.status})`,
            description: `${current.reason ?? ''}${budget}${
              firing.length ? ` Firing: ${firing.join(', ')}.` : ''
            }`.trim(),
            link: `/catalog/${namespace}/${kind}/${name}/slos`,
            severity: SEVERITY[current.status as Notified],
            topic: SLO_STATUS_TOPIC,
            // One notification per SLO, updated in place on every change.
            scope: `stewardship-slo:${slo.id}`,
          },
        });
      } catch (error) {
        // A notification that cannot be sent must not fail the evaluation run.
        this.logger.warn(
          `Could not notify the owners of ${slo.entityRef} that SLO "${slo.name}" is ${current.status}: ${error}`,
        );
      }
    }
  }
}
