/*
 * Tells an entity's owners when one of its SLOs changes state: healthy → at-risk → exhausted and
 * back. One Backstage notification per SLO, updated in place (its `scope` is the SLO), so a
 * flapping SLO keeps one notification current instead of filling the inbox.
 *
 * A new status is compared with the one the owners were last told of (stored), not with the
 * previous snapshot. So a change through `no-data` is told (healthy → no-data → exhausted says
 * "exhausted (was healthy)"; `no-data` itself is no state to tell: the source is down, or there
 * is no traffic), and so is one an on-demand evaluation stored. The told status moves before the
 * notification is sent, from the status and told moment this run read (two runs that overlap
 * tell a change once), and back when sending fails or hangs past a timeout (the next run tries
 * again). It moves only to an evaluation newer than the told one: a scheduled run that read its
 * data before an "evaluate now" was told does not overrule that newer status.
 *
 * An SLO with no told status yet starts from its previous snapshot's status, or healthy for a
 * new SLO: a new SLO that starts exhausted is told, without a "was" (also on the run after its
 * first notification failed); one that starts healthy is not.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  SloDefinition,
  SloEvaluation,
  formatBurnRates,
  formatPercent,
  isSloKind,
} from '@stewardship/backstage-plugin-stewardship-common';
import pLimit from 'p-limit';
import {
  SloStatusNotificationStore,
  ToldSloState,
  ToldSloStatus,
} from '../database/SloStatusNotificationStore';

/** A snapshot just stored as an SLO's newest, with the one it replaced. */
export interface StoredSloStatus {
  slo: Pick<SloDefinition, 'id' | 'name' | 'entityRef'>;
  /** The SLO's newest snapshot before this one; none for a new SLO. */
  previous?: SloEvaluation;
  current: SloEvaluation;
}

/** Told about every snapshot stored as an SLO's newest (scheduled runs and "evaluate now"). */
export interface SloStatusListener {
  /**
   * `signal`: the evaluation run's (the scheduler's timeout, a replica shutting down); once it
   * aborts, nothing more is started, and what was not told is told by a later run.
   */
  snapshotsStored(
    stored: StoredSloStatus[],
    options?: { signal?: AbortSignal },
  ): Promise<void>;
}

const SEVERITY: Record<ToldSloStatus, 'critical' | 'high' | 'normal'> = {
  exhausted: 'critical',
  'at-risk': 'high',
  healthy: 'normal',
};

/** The topic of every SLO status notification (users can mute it in their settings). */
export const SLO_STATUS_TOPIC = 'stewardship-slo-status';

/** How long one notification may take to send before it counts as failed (and is retried). */
export const SLO_NOTIFICATION_TIMEOUT_MS = 30_000;
/** Notifications sent at once: a run that changes many SLOs neither waits on each in turn nor floods the notifications backend. */
const SEND_CONCURRENCY = 4;

const told = (status: SloEvaluation['status']): status is ToldSloStatus =>
  status !== 'no-data';

/** The told state of an evaluation with `status` as of `at`. */
const toldState = (
  status: ToldSloStatus,
  at: string,
): Required<ToldSloState> => ({ status, toldAt: new Date(at) });

/**
 * What the notification says beyond its title: the evaluation's own reason (it carries the
 * budget for healthy, the overspend for exhausted and the firing policies for at-risk), and for
 * at-risk the budget left (as the SLOs tab writes it: `formatPercent` to one decimal) and each
 * firing policy's burn rate against its threshold (`formatBurnRates`, the pair read apart).
 */
export function sloNotificationDescription(current: SloEvaluation): string {
  const parts = [current.reason ?? ''];
  if (current.status === 'at-risk') {
    if (current.errorBudget) {
      parts.push(
        `${formatPercent(
          current.errorBudget.remaining,
          1,
        )} of the error budget is left.`,
      );
    }
    const rates = current.alerts
      .filter(alert => alert.firing && alert.longBurnRate !== undefined)
      .map(({ policy, longBurnRate }) => {
        // Each rate with its threshold, digits enough to read apart: a firing rate reads above it.
        const [rate, threshold] = formatBurnRates([
          longBurnRate!,
          policy.burnRate,
        ]);
        return `${policy.name} ${rate}× over ${policy.longWindow} (fires from ${threshold}×)`;
      });
    if (rates.length > 0) parts.push(`Burn rates: ${rates.join(', ')}.`);
  }
  return parts.filter(Boolean).join(' ');
}

export class SloStatusNotifier implements SloStatusListener {
  constructor(
    private readonly notifications: NotificationService,
    private readonly store: SloStatusNotificationStore,
    private readonly logger: LoggerService,
    private readonly options: { timeoutMs?: number; now?: () => Date } = {},
  ) {}

  async snapshotsStored(
    stored: StoredSloStatus[],
    options: { signal?: AbortSignal } = {},
  ): Promise<void> {
    const notifiable = stored.filter(({ current }) => told(current.status));
    if (notifiable.length === 0) return;
    const toldBefore = await this.store.toldStatuses(
      notifiable.map(({ slo }) => slo.id),
    );
    const now = this.now();

    // SLOs without a told status start from their previous snapshot's (or healthy): recorded
    // quietly when that is where they are.
    const starting = new Map<string, Required<ToldSloState>>();
    const changes: Array<StoredSloStatus & { from?: ToldSloState }> = [];
    for (const item of notifiable) {
      const from = toldBefore.get(item.slo.id);
      // The owners were told of a newer evaluation (a run that read its data before an "evaluate
      // now" finishes after it): this one's status is out of date, nothing to tell.
      if (
        from?.toldAt &&
        Date.parse(item.current.at) <= from.toldAt.getTime()
      ) {
        continue;
      }
      const start =
        from?.status ??
        (item.previous && told(item.previous.status)
          ? item.previous.status
          : 'healthy');
      if (start === item.current.status) {
        if (from === undefined) {
          starting.set(item.slo.id, toldState(start, item.current.at));
        }
      } else {
        changes.push({ ...item, from });
      }
    }
    if (starting.size > 0) {
      await this.store.recordStartingStatuses(starting, now);
    }

    const limit = pLimit(SEND_CONCURRENCY);
    await Promise.all(
      changes.map(change =>
        limit(() =>
          options.signal?.aborted ? undefined : this.tell(change, now),
        ),
      ),
    );
  }

  /** Moves the told status, sends, and moves it back if sending failed. */
  private async tell(
    change: StoredSloStatus & { from?: ToldSloState },
    now: Date,
  ) {
    const { slo, previous, current, from } = change;
    const status = current.status as ToldSloStatus;
    const telling = toldState(status, current.at);
    const moved = await this.store.moveToldStatus(slo.id, from, telling, now);
    if (!moved) return; // Another run told this change (or a newer one) already.

    // Where the SLO stood before: its told state, or for an SLO without one, its previous
    // snapshot's, or for a new SLO nothing told yet (healthy, no moment).
    const before: ToldSloState =
      from ??
      (previous && told(previous.status)
        ? toldState(previous.status, previous.at)
        : { status: 'healthy' });
    // "was": what the owners were told; for a new SLO, nothing (it was not anything before).
    const was = before.toldAt ? before.status : undefined;
    const { kind, namespace, name } = parseEntityRef(slo.entityRef);
    try {
      await withTimeout(
        this.notifications.send({
          // The entity's owner (its ownedBy group's members, or the owning user).
          recipients: { type: 'entity', entityRef: slo.entityRef },
          payload: {
            title: `${name}: SLO "${slo.name}" is ${status}${
              was ? ` (was ${was})` : ''
            }`,
            description: sloNotificationDescription(current),
            // Only the kinds whose pages have the SLOs tab (the frontend's `isSlosAvailable`):
            // another kind's SLO (the API accepts them on any entity) opens the entity's page.
            link: `/catalog/${namespace}/${kind}/${name}${
              isSloKind(kind) ? '/slos' : ''
            }`,
            severity: SEVERITY[status],
            topic: SLO_STATUS_TOPIC,
            // One notification per SLO, updated in place on every change.
            scope: `stewardship-slo:${slo.id}`,
          },
        }),
        this.options.timeoutMs ?? SLO_NOTIFICATION_TIMEOUT_MS,
      );
    } catch (error) {
      // A notification that cannot be sent must not fail the evaluation run; the next run tries
      // again, since the owners were not told: the told state goes back to where it was, unless
      // another run moved it meanwhile. (A new SLO goes back to nothing told yet, so the retry
      // says no "was" either.)
      await this.store
        .moveToldStatus(slo.id, telling, before, now)
        .catch(() => undefined);
      this.logger.warn(
        `Could not notify the owners of ${slo.entityRef} that SLO "${slo.name}" is ${status} (tried again on the next run): ${error}`,
      );
    }
  }

  private now() {
    return this.options.now?.() ?? new Date();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${ms / 1000} s`)),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
