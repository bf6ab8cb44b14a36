/*
 * Ownership reminders, sent by a scheduled task as Backstage notifications:
 * - an entity's owners, once per exemption, when it expires within 14 days and still stands in
 *   for a missing owner (not when the catalog names the owner by now, the entity is gone or the
 *   ownership policy no longer covers it);
 * - a role's holder (its user, or its group's members), when the role is unconfirmed or its
 *   confirmation is stale: when one of their roles was not reminded of for a reminder interval,
 *   one notification, updated in place, that lists all of that holder's unconfirmed roles (so a
 *   first run over a large catalog sends one notification per person, not one per role, and a
 *   role that becomes due later does not push the others out of it).
 * What was sent is stored, so the task's frequency and replica count do not matter.
 *
 * Abort: the scheduler's lock on the task lasts until the task's timeout, when it aborts the run's
 * signal; a run going on past it could overlap the next one, which would send what this one has
 * not marked yet. So each reminder is marked right after its own send, and an aborted run sends
 * nothing more: the next run sends what is still due, once.
 *
 * Claims: a run can still be in the middle of a send when the next run (on this replica or
 * another) reads that reminder as not yet sent. So a run claims each notification's reminders in
 * the store before sending it (all of them or none, atomically: of two runs, one wins), reads
 * them again under the claim (the other run may have sent and marked them meanwhile) and sends
 * only what is still due; a run that finds another's claim skips that notification. The claim
 * ends with the "sent" mark, or when the send fails (so the next run retries it at once); a
 * claim left by a run that died mid-send lapses after {@link REMINDER_CLAIM_LEASE_MS}, and a
 * later run then sends the reminder. If that reminder is never due again (the owner was named,
 * the entity removed), nothing takes the claim over: each run ends by deleting a batch of claims
 * whose lease ended over {@link LAPSED_CLAIM_RETENTION_MS} ago, so the table does not grow
 * with every crash for years.
 */
import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { randomUUID } from 'node:crypto';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  entityRefKey,
  EntityOwnership,
  formatInstant,
  OWNERSHIP_ROLE_TITLES,
  OwnershipExemption,
  OwnershipRole,
} from '@stewardship/backstage-plugin-stewardship-common';
import { OwnershipExemptionStore } from '../database/OwnershipExemptionStore';
import { OwnershipReminderStore } from '../database/OwnershipReminderStore';
import { OwnershipService } from './OwnershipService';
import { errorMessage } from '../lib/errorMessage';

/** Owners hear about an exemption's end this long before it. */
export const EXEMPTION_NOTICE_MS = 14 * 86_400_000;
/** The topic of exemption-expiry notifications (users can mute it in their settings). */
export const EXEMPTION_EXPIRY_TOPIC = 'stewardship-ownership-exemption-expiry';
/** The topic of "confirm you are still the owner" notifications. */
export const ATTESTATION_REMINDER_TOPIC = 'stewardship-ownership-attestation';
/**
 * How long a run's claim on a reminder holds (it is made right before the send and ends right
 * after): far longer than one notification takes to send, so a live run's claim never lapses
 * mid-send, and short beside the reminders' days-long periods, so a reminder claimed by a run
 * that crashed goes out with the first run an hour later.
 */
export const REMINDER_CLAIM_LEASE_MS = 60 * 60_000;
/**
 * How long after its lease ended a claim is deleted. A lapsed claim already counts for nothing
 * (the next claimer takes it over), so keeping it costs one row, while deleting it early could
 * race a run taking it over: a day is far beyond the lease, any run's timeout and any clock skew
 * between replicas (a claim's time is its claimer's clock, the cutoff the pruner's), so no live
 * claim is near it. (The prune checks the age in its DELETE too: a claim taken over meanwhile is
 * kept.)
 */
export const LAPSED_CLAIM_RETENTION_MS = 86_400_000;

/**
 * Whether a reminder last sent at `lastSentAt` (never, when undefined) is due again at `now`:
 * once per period, the period counted from the last sending.
 */
export function isReminderDue(
  lastSentAt: Date | undefined,
  now: Date,
  periodMs: number,
): boolean {
  return (
    lastSentAt === undefined || now.getTime() - lastSentAt.getTime() >= periodMs
  );
}

/** Whether an exemption ends within the notice period (and has not ended). */
export function isExemptionEndingSoon(
  exemption: Pick<OwnershipExemption, 'expiresAt'>,
  now: Date,
): boolean {
  const left = Date.parse(exemption.expiresAt) - now.getTime();
  return left > 0 && left <= EXEMPTION_NOTICE_MS;
}

/**
 * What one run knows: its moment, its id (on its claims), its abort signal, what it has sent so
 * far and how many notifications it left to another run that had claimed them.
 */
interface ReminderRun {
  now: Date;
  claimant: string;
  signal?: AbortSignal;
  sent: number;
  skipped: number;
}

/** One role a holder is asked to confirm. */
interface UnconfirmedRole {
  key: string;
  entity: EntityOwnership;
  role: OwnershipRole;
}

const tabLink = (entityRef: string) => {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${namespace}/${kind}/${name}/ownership`;
};

export class OwnershipReminders {
  constructor(
    private readonly deps: {
      ownership: Pick<OwnershipService, 'catalogEvaluations'>;
      exemptions: Pick<OwnershipExemptionStore, 'exemptionsInForce'>;
      sent: OwnershipReminderStore;
      notifications: Pick<NotificationService, 'send'>;
      logger: LoggerService;
      /** How long a holder waits between reminders about the same role. */
      attestationReminderIntervalMs: number;
      /** How long a claim holds (default {@link REMINDER_CLAIM_LEASE_MS}). */
      claimLeaseMs?: number;
      now?: () => Date;
    },
  ) {}

  private now(): Date {
    return (this.deps.now ?? (() => new Date()))();
  }

  /**
   * Sends what is due; returns how many notifications went out. Once `signal` aborts it sends
   * nothing more (what it sent is marked) and returns what it sent by then.
   */
  async run(
    credentials: BackstageCredentials,
    options: { signal?: AbortSignal } = {},
  ): Promise<number> {
    const run: ReminderRun = {
      now: this.now(),
      claimant: randomUUID(),
      signal: options.signal,
      sent: 0,
      skipped: 0,
    };
    if (!run.signal?.aborted) {
      const evaluations = await this.deps.ownership.catalogEvaluations(
        credentials,
      );
      await this.remindExemptions(run, evaluations);
      await this.remindAttestations(run, evaluations);
    }
    if (!run.signal?.aborted) {
      await this.pruneLapsedClaims(run);
    }
    if (run.skipped > 0) {
      this.deps.logger.info(
        `Ownership reminders: ${run.skipped} left to another run that is sending them`,
      );
    }
    if (run.signal?.aborted) {
      this.deps.logger.info(
        `Ownership reminders stopped early (${errorMessage(
          run.signal.reason,
        )}): ${
          run.sent
        } sent and marked before the stop; the next run sends the rest`,
      );
    }
    return run.sent;
  }

  /**
   * Deletes one batch of claims whose lease ended over {@link LAPSED_CLAIM_RETENTION_MS} ago
   * (left by runs that died mid-send, on reminders not due since). Housekeeping: a failure is
   * logged and leaves the run's sends as they are; the next run tries again.
   */
  private async pruneLapsedClaims(run: ReminderRun): Promise<void> {
    const leaseMs = this.deps.claimLeaseMs ?? REMINDER_CLAIM_LEASE_MS;
    try {
      const pruned = await this.deps.sent.pruneClaims(
        new Date(run.now.getTime() - leaseMs - LAPSED_CLAIM_RETENTION_MS),
      );
      if (pruned > 0) {
        this.deps.logger.info(
          `Ownership reminders: deleted ${pruned} ${
            pruned === 1 ? 'claim' : 'claims'
          } whose lease ended over a day ago (left by runs that stopped mid-send)`,
        );
      }
    } catch (error) {
      this.deps.logger.warn(
        `Could not delete lapsed ownership reminder claims (the next run tries again): ${errorMessage(
          error,
        )}`,
      );
    }
  }

  private async remindExemptions(
    run: ReminderRun,
    evaluations: EntityOwnership[],
  ): Promise<void> {
    const { now } = run;
    // The exemptions that stand in for a missing owner now: the evaluation applied them.
    const standing = new Set(
      evaluations
        .filter(entity => entity.applies)
        .flatMap(entity => entity.roles)
        .flatMap(role =>
          role.status === 'exempt' && role.exemption ? [role.exemption.id] : [],
        ),
    );
    const ending = (await this.deps.exemptions.exemptionsInForce(now)).filter(
      e => standing.has(e.id) && isExemptionEndingSoon(e, now),
    );
    const keys = ending.map(e => `exemption:${e.id}`);
    const sent = await this.deps.sent.lastSent(keys);
    for (const [i, exemption] of ending.entries()) {
      if (run.signal?.aborted) return;
      // Once per exemption: a new exemption has a new id.
      if (sent.has(keys[i])) continue;
      const { name } = parseEntityRef(exemption.entityRef);
      await this.send(
        run,
        keys.slice(i, i + 1),
        latest => !latest.has(keys[i]),
        {
          recipients: { type: 'entity', entityRef: exemption.entityRef },
          payload: {
            title: `${name}: the ${OWNERSHIP_ROLE_TITLES[
              exemption.role
            ].toLocaleLowerCase('en-US')} exemption ends on ${formatInstant(
              exemption.expiresAt,
            )}`,
            description: `Granted by ${exemption.grantedBy}: "${exemption.reason}". Name the owner in the catalog, or grant a new exemption, before then.`,
            link: tabLink(exemption.entityRef),
            severity: 'normal',
            topic: EXEMPTION_EXPIRY_TOPIC,
            scope: `stewardship-exemption:${exemption.id}`,
          },
        },
      );
    }
  }

  private async remindAttestations(
    run: ReminderRun,
    evaluations: EntityOwnership[],
  ): Promise<void> {
    const { now } = run;
    const byHolder = new Map<string, UnconfirmedRole[]>();
    for (const entity of evaluations) {
      if (!entity.applies) continue;
      for (const role of entity.roles) {
        const holder = role.owner?.entityRef;
        if (
          role.status !== 'ok' ||
          !holder ||
          !role.attestation ||
          role.attestation.state === 'current'
        ) {
          continue;
        }
        const list = byHolder.get(holder) ?? [];
        list.push({
          // Per holder: when the catalog names a new one, their interval starts afresh (the
          // previous holder's key simply lapses), compared as the attestation service does.
          key: `attestation:${entityRefKey(entity.entityRef)}:${
            role.role
          }:${entityRefKey(holder)}`,
          entity,
          role: role.role,
        });
        byHolder.set(holder, list);
      }
    }
    const sent = await this.deps.sent.lastSent(
      [...byHolder.values()].flat().map(r => r.key),
    );
    // Sent when one role is due; it then lists them all, since it replaces the holder's last.
    const anyDue = (unconfirmed: UnconfirmedRole[], last: Map<string, Date>) =>
      unconfirmed.some(r =>
        isReminderDue(
          last.get(r.key),
          now,
          this.deps.attestationReminderIntervalMs,
        ),
      );
    for (const [holder, unconfirmed] of byHolder) {
      if (run.signal?.aborted) return;
      if (!anyDue(unconfirmed, sent)) continue;
      const named = unconfirmed
        .slice(0, 10)
        .map(
          r =>
            `${OWNERSHIP_ROLE_TITLES[r.role]} of ${
              r.entity.title ?? r.entity.name
            }`,
        );
      const more =
        unconfirmed.length > 10 ? `, and ${unconfirmed.length - 10} more` : '';
      await this.send(
        run,
        unconfirmed.map(r => r.key),
        latest => anyDue(unconfirmed, latest),
        {
          recipients: { type: 'entity', entityRef: holder },
          payload: {
            title:
              unconfirmed.length === 1
                ? `Confirm you are still the ${OWNERSHIP_ROLE_TITLES[
                    unconfirmed[0].role
                  ].toLocaleLowerCase('en-US')} of ${
                    unconfirmed[0].entity.name
                  }`
                : `Confirm you are still the owner of ${unconfirmed.length} roles`,
            description: `Not confirmed, or the confirmation expired: ${named.join(
              ', ',
            )}${more}. Open the Ownership tab and choose "Confirm I am still the owner".`,
            link: tabLink(unconfirmed[0].entity.entityRef),
            severity: 'low',
            topic: ATTESTATION_REMINDER_TOPIC,
            // One notification per holder, updated in place.
            scope: `stewardship-attestation:${holder}`,
          },
        },
      );
    }
  }

  /**
   * Claims `keys`, then sends and marks as sent, one notification at a time: a run stopped after
   * this send does not leave it unmarked for the next run to send again, and a run overlapping
   * this one does not send it while this one is. `stillDue` decides again from the sendings read
   * under the claim. A failure is logged, the claim released, and it is retried on a later run.
   */
  private async send(
    run: ReminderRun,
    keys: string[],
    stillDue: (latest: Map<string, Date>) => boolean,
    notification: Parameters<NotificationService['send']>[0],
  ): Promise<void> {
    const latest = await this.deps.sent.claim(keys, {
      claimant: run.claimant,
      at: this.now(),
      leaseMs: this.deps.claimLeaseMs ?? REMINDER_CLAIM_LEASE_MS,
    });
    if (!latest) {
      run.skipped += 1;
      return;
    }
    // Sent and marked by another run since this one read, or aborted while claiming.
    if (!stillDue(latest) || run.signal?.aborted) {
      await this.deps.sent.release(keys, run.claimant);
      return;
    }
    try {
      await this.deps.notifications.send(notification);
    } catch (error) {
      this.deps.logger.warn(
        `Could not send the ownership reminder "${notification.payload.title}": ${error}`,
      );
      await this.deps.sent.release(keys, run.claimant);
      return;
    }
    // Marked even when the run was aborted during the send: the notification went out.
    await this.deps.sent.markSent(keys, run.now, run.claimant);
    run.sent += 1;
  }
}
