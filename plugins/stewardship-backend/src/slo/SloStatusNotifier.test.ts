/*
 * SLO status notifications: a real runner and store (every test database), an evaluator that
 * answers the statuses each test scripts, and a recording notification service. The flapping test
 * checks that owners get one notification per change, all with the SLO's scope (so the
 * notifications backend keeps a single one, updated), and none for runs that change nothing.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  SloDefinition,
  SloEvaluation,
  SloSpec,
  SloStatus,
} from '@stewardship/backstage-plugin-stewardship-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { StewardshipDatabase } from '../database/StewardshipDatabase';
import { SloEvaluationRunner } from './SloEvaluationRunner';
import { SloEvaluator } from './SloEvaluator';
import { SloStatusNotifier } from './SloStatusNotifier';
import { storedEvaluation } from '../__testUtils__/evaluations';

const databases = createTestDatabases();

const spec = (name: string): SloSpec => ({
  entityRef: 'component:default/checkout',
  name,
  sli: { type: 'ratio', good: 'good{job="x"}', total: 'total{job="x"}' },
  objective: 0.999,
  timeWindow: { type: 'rolling', duration: '30d' },
  budgetingMethod: 'occurrences',
  metricSource: 'prometheus',
  alertPolicies: [],
  labels: {},
});

function evaluation(
  slo: SloDefinition,
  at: Date,
  status: SloStatus,
): SloEvaluation {
  return storedEvaluation(slo, at, {
    status,
    ...(status === 'no-data'
      ? { reason: 'Prometheus answered 503' }
      : {
          errorBudget: {
            remaining: status === 'exhausted' ? -0.5 : 0.25,
            consumed: 0,
            allowedBad: 1,
            bad: 0,
          },
        }),
    alerts: [
      {
        policy: {
          name: 'page-1h',
          severity: 'page',
          burnRate: 14.4,
          longWindow: '1h',
          shortWindow: '5m',
        },
        firing: status === 'at-risk',
      },
    ],
  });
}

describe.each(databases.eachSupportedId())(
  'SLO status notifications on %p',
  id => {
    it('notifies each change once, in place per SLO, and nothing for no-data or unchanged runs', async () => {
      const db = await StewardshipDatabase.forTest(await databases.init(id));
      const [flappy, steady] = await db.slos.createSlos(
        [spec('flappy'), spec('steady')],
        'test',
      );
      // The statuses each run's evaluator answers, per SLO.
      const script: Record<string, SloStatus[]> = {
        [flappy.id]: [
          'healthy',
          'at-risk',
          'at-risk',
          'healthy',
          'at-risk',
          'no-data',
          'exhausted',
          'exhausted',
        ],
        [steady.id]: [
          'healthy',
          'healthy',
          'healthy',
          'healthy',
          'healthy',
          'healthy',
          'healthy',
          'healthy',
        ],
      };
      let run = 0;
      const evaluator = {
        evaluate: async (slo: SloDefinition, at: Date) =>
          evaluation(slo, at, script[slo.id][run]),
      } as unknown as SloEvaluator;
      const sent: NotificationSendOptions[] = [];
      const runner = new SloEvaluationRunner(db.slos, evaluator, {
        concurrencyPerSource: 2,
        statusListener: new SloStatusNotifier(
          { send: async options => void sent.push(options) },
          mockServices.logger.mock(),
        ),
      });
      const logger = mockServices.logger.mock();
      const t0 = Date.parse('2026-11-30T10:00:00Z');
      const sentPerRun: number[] = [];
      for (run = 0; run < 8; run++) {
        const before = sent.length;
        await runner.evaluateAll(new Date(t0 + run * 5 * 60_000), logger);
        sentPerRun.push(sent.length - before);
      }
      // Run 0 has nothing before it; 1: healthy → at-risk; 3: at-risk → healthy; 4: healthy →
      // at-risk; 5 and 6 go through no-data (not told); 7 repeats exhausted.
      expect(sentPerRun).toEqual([0, 1, 0, 1, 1, 0, 0, 0]);
      expect(sent.map(s => s.payload.title)).toEqual([
        'checkout: SLO "flappy" is at-risk (was healthy)',
        'checkout: SLO "flappy" is healthy (was at-risk)',
        'checkout: SLO "flappy" is at-risk (was healthy)',
      ]);
      expect(new Set(sent.map(s => s.payload.scope))).toEqual(
        new Set([`stewardship-slo:${flappy.id}`]),
      );
      expect(sent[0]).toEqual({
        recipients: { type: 'entity', entityRef: 'component:default/checkout' },
        payload: {
          title: 'checkout: SLO "flappy" is at-risk (was healthy)',
          description: '25 % of the error budget is left. Firing: page-1h.',
          link: '/catalog/default/component/checkout/slos',
          severity: 'high',
          topic: 'stewardship-slo-status',
          scope: `stewardship-slo:${flappy.id}`,
        },
      });
      expect(sent[1].payload.severity).toBe('normal');
    });

    it('keeps the run when sending fails, and says so in the log', async () => {
      const db = await StewardshipDatabase.forTest(await databases.init(id));
      const [slo] = await db.slos.createSlos([spec('a')], 'test');
      let status: SloStatus = 'healthy';
      const evaluator = {
        evaluate: async (s: SloDefinition, at: Date) =>
          evaluation(s, at, status),
      } as unknown as SloEvaluator;
      const notifierLogger = mockServices.logger.mock();
      const runner = new SloEvaluationRunner(db.slos, evaluator, {
        concurrencyPerSource: 1,
        statusListener: new SloStatusNotifier(
          {
            send: async () => {
              throw new Error('notifications backend is not installed');
            },
          },
          notifierLogger,
        ),
      });
      const logger = mockServices.logger.mock();
      await runner.evaluateAll(new Date('2026-11-30T10:00:00Z'), logger);
      status = 'exhausted';
      const summary = await runner.evaluateAll(
        new Date('2026-11-30T10:05:00Z'),
        logger,
      );
      expect(summary.byStatus.exhausted).toBe(1);
      const stored = await db.slos.latestSnapshots(
        [slo.id],
        new Date('2026-11-30T10:05:00Z'),
      );
      expect(stored.get(slo.id)?.status).toBe('exhausted');
      expect(notifierLogger.warn).toHaveBeenCalledWith(
        expect.stringContaining(
          'Could not notify the owners of component:default/checkout that SLO "a" is exhausted',
        ),
      );
    });
  },
);
