/*
 * Stores what resolved incidents cost their SLOs' error budgets without waiting for a reader.
 *
 * A resolved incident's cost is stored the first time it is computed in full (IncidentService.get,
 * when someone opens it). The planning review reads only stored costs (it never asks a metric
 * source for every incident of a period), so an incident nobody opened (one resolved by
 * PagerDuty, by a tool through the API, or recorded already resolved) was left out of the
 * review's budget costs. This backfill, run on the SLO evaluation's schedule, computes and stores
 * them, as the plugin itself: every affected SLO counts, whoever reads it later (stored costs are
 * withheld per reader when read, as ever).
 *
 * A cost that cannot be computed in full (a source down, an SLO deleted since) is not stored, as on
 * a read, and the incident waits before it is tried again: an hour, then twice as long after each
 * failure, at most a day. The waits are kept in memory, per backend instance: a restart tries
 * each once more. Newest resolved first, at most `maxPerRun` incidents per run, one at a time,
 * among the 2,000 newest without a stored cost; an aborted run stops between two incidents.
 */
import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Incident } from '@stewardship/backstage-plugin-stewardship-common';
import { IncidentStore } from '../database/IncidentStore';
import { SloStore } from '../database/SloStore';
import { readingEachSloOnce } from '../lib/hiddenSloIds';
import { IncidentBudgetCalculator } from './IncidentBudgetCalculator';

/** Incidents one run costs at most; the rest wait for the next runs. */
export const INCIDENT_BUDGET_BACKFILL_PER_RUN = 50;

/** How long an incident whose cost could not be computed waits first, and at most. */
export const FIRST_RETRY_MS = 60 * 60 * 1000;
export const LONGEST_RETRY_MS = 24 * 60 * 60 * 1000;

/** How many incidents a run reads from the store at a time, and at most how many pages. */
const PAGE = 200;
const MAX_PAGES = 10;

/** What one run did. */
export interface IncidentBudgetBackfillRun {
  /** Incidents whose cost it stored. */
  stored: number;
  /** Incidents whose cost it could not compute in full (or that changed meanwhile): tried later. */
  notStored: number;
}

export class IncidentBudgetBackfill {
  /** Per incident id: not tried before `at`; `waitMs` is the wait that led there. */
  private readonly retries = new Map<string, { at: number; waitMs: number }>();

  constructor(
    private readonly deps: {
      store: Pick<
        IncidentStore,
        'listResolvedWithoutBudgetImpact' | 'saveBudgetImpact'
      >;
      budget: Pick<IncidentBudgetCalculator, 'impacts'>;
      slos: Pick<SloStore, 'getSlo'>;
      now?: () => Date;
      maxPerRun?: number;
    },
  ) {}

  async run(signal: AbortSignal): Promise<IncidentBudgetBackfillRun> {
    const now = (this.deps.now ?? (() => new Date()))().getTime();
    const max = this.deps.maxPerRun ?? INCIDENT_BUDGET_BACKFILL_PER_RUN;
    const due = await this.dueIncidents(now, max);
    const result = { stored: 0, notStored: 0 };
    // Each SLO read once per run, however many incidents it is affected by.
    const slos = readingEachSloOnce(this.deps.slos);
    for (const incident of due) {
      if (signal.aborted) break;
      const impacts = await this.deps.budget.impacts(incident, { slos });
      const stored =
        impacts.every(impact => impact.status === 'computed') &&
        (await this.deps.store.saveBudgetImpact(
          incident.id,
          incident.version,
          impacts,
        ));
      if (stored) {
        this.retries.delete(incident.id);
        result.stored += 1;
      } else {
        this.waitBeforeRetrying(incident.id, now);
        result.notStored += 1;
      }
    }
    return result;
  }

  /** Up to `max` incidents without a stored cost that are not waiting, newest resolved first. */
  private async dueIncidents(now: number, max: number): Promise<Incident[]> {
    const due: Incident[] = [];
    const listed = new Set<string>();
    // Bounded: past 2,000 incidents that all wait, a run costs none rather than read them all
    // every few minutes (the waits of those beyond are not cleared then; they only grow stale).
    for (
      let offset = 0;
      due.length < max && offset < PAGE * MAX_PAGES;
      offset += PAGE
    ) {
      const page = await this.deps.store.listResolvedWithoutBudgetImpact({
        offset,
        limit: PAGE,
      });
      for (const incident of page) {
        listed.add(incident.id);
        const retry = this.retries.get(incident.id);
        if (due.length < max && (!retry || retry.at <= now)) {
          due.push(incident);
        }
      }
      if (page.length < PAGE) {
        // Read to the end: a wait for an incident no longer listed (stored by a reader,
        // reopened, deleted) is of no use any more.
        for (const id of this.retries.keys()) {
          if (!listed.has(id)) this.retries.delete(id);
        }
        break;
      }
    }
    return due;
  }

  private waitBeforeRetrying(id: string, now: number) {
    const previous = this.retries.get(id);
    const waitMs = previous
      ? Math.min(previous.waitMs * 2, LONGEST_RETRY_MS)
      : FIRST_RETRY_MS;
    this.retries.set(id, { at: now + waitMs, waitMs });
  }
}

/** The scheduler task that runs the backfill. */
export const INCIDENT_BUDGET_BACKFILL_TASK_ID =
  'stewardship-incident-budget-costs';

/**
 * Runs `backfill` on `schedule` (the SLO evaluation's: costs come from the same metric sources),
 * one replica at a time, logging one line when a run did something.
 */
export async function scheduleIncidentBudgetBackfill(options: {
  scheduler: SchedulerService;
  logger: LoggerService;
  backfill: Pick<IncidentBudgetBackfill, 'run'>;
  schedule: SchedulerServiceTaskScheduleDefinition;
}) {
  const logger = options.logger.child({ task: 'incident-budget-costs' });
  await options.scheduler.scheduleTask({
    id: INCIDENT_BUDGET_BACKFILL_TASK_ID,
    ...options.schedule,
    fn: async signal => {
      const { stored, notStored } = await options.backfill.run(signal);
      if (stored + notStored === 0) return;
      logger.info(
        `Stored the budget cost of ${stored} resolved incident${
          stored === 1 ? '' : 's'
        }${
          notStored > 0
            ? `; ${notStored} could not be computed in full (a metric source down, an SLO deleted) and ${
                notStored === 1 ? 'is' : 'are'
              } tried again later`
            : ''
        }`,
      );
    },
  });
}
