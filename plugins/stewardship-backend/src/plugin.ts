import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { stewardshipPermissions } from '@stewardship/backstage-plugin-stewardship-common';
import {
  MetricSourceFactory,
  stewardshipBacklogProvidersExtensionPoint,
  stewardshipMetricSourcesExtensionPoint,
} from '@stewardship/backstage-plugin-stewardship-node';
import { BacklogProviderRegistry } from './backlog/backlogProviderRegistry';
import { BacklogService } from './backlog/BacklogService';
import { readBacklogSettings } from './backlog/BacklogSettings';
import { StewardshipDatabase } from './database/StewardshipDatabase';
import { EntityPermissions } from './lib/EntityPermissions';
import { CatalogVisibility } from './lib/CatalogVisibility';
import { readCacheTtl } from './lib/readCacheTtl';
import { catalogOnBehalfOf } from './lib/catalogOnBehalfOf';
import {
  IncidentBudgetBackfill,
  scheduleIncidentBudgetBackfill,
} from './incidents/IncidentBudgetBackfill';
import { IncidentBudgetCalculator } from './incidents/IncidentBudgetCalculator';
import { IncidentService } from './incidents/IncidentService';
import {
  pagerDutySettingsWarnings,
  readPagerDutySettings,
} from './incidents/pagerduty/PagerDutySettings';
import { PagerDutyWebhookHandler } from './incidents/pagerduty/PagerDutyWebhookHandler';
import { SignallingIncidentStore } from './incidents/SignallingIncidentStore';
import {
  MetricSourceHealthService,
  datadogMetricSourceFactory,
  prometheusMetricSourceFactory,
  readMetricSources,
} from './metricSources';
import { CatalogOwnershipReader } from './ownership/CatalogOwnershipReader';
import { readOwnershipPolicy } from './ownership/OwnershipPolicy';
import { OwnershipService } from './ownership/OwnershipService';
import { OwnershipExemptionService } from './ownership/OwnershipExemptionService';
import { readExemptionSettings } from './ownership/readExemptionSettings';
import { OwnershipAttestationService } from './ownership/OwnershipAttestationService';
import { readAttestationSettings } from './ownership/readAttestationSettings';
import { OwnershipChangeSignaller } from './ownership/OwnershipChangeSignaller';
import { OwnershipReminders } from './ownership/OwnershipReminders';
import { scheduleOwnershipReminders } from './ownership/scheduleOwnershipReminders';
import { readScorecardCacheTtl } from './ownership/readScorecardCacheTtl';
import { scheduleScorecardSnapshots } from './ownership/scheduleScorecardSnapshots';
import { readReleaseGateSettings } from './releaseGate/errorBudgetPolicy';
import { ReleaseGateService } from './releaseGate/ReleaseGateService';
import { ReviewService } from './review/ReviewService';
import { createRouter } from './service/createRouter';
import { PAGERDUTY_WEBHOOK_PATH } from './service/pagerDutyWebhookRoutes';
import { scheduleSloEvaluation } from './slo/scheduleSloEvaluation';
import { SloEvaluationRunner } from './slo/SloEvaluationRunner';
import { SloEvaluator } from './slo/SloEvaluator';
import { SloService } from './slo/SloService';
import { SloEvaluationSignaller } from './slo/SloEvaluationSignaller';
import { SloStatusNotifier } from './slo/SloStatusNotifier';
import {
  DEFAULT_SLO_OVERVIEW_CACHE_TTL_MS,
  SloOverviewService,
} from './slo/SloOverviewService';
import { readSloSettings } from './slo/SloSettings';

/**
 * The Stewardship backend plugin: ownership evaluation and scorecard, SLO definitions and their
 * evaluation against metric sources, incidents (also from PagerDuty webhooks), served at
 * /api/stewardship.
 *
 * @public
 */
export const stewardshipPlugin = createBackendPlugin({
  pluginId: 'stewardship',
  register(env) {
    const factories = new Map<string, MetricSourceFactory>();
    const addFactory = (factory: MetricSourceFactory) => {
      if (factories.has(factory.type)) {
        throw new Error(
          `A metric source type "${factory.type}" is already registered`,
        );
      }
      factories.set(factory.type, factory);
    };
    addFactory(prometheusMetricSourceFactory);
    addFactory(datadogMetricSourceFactory);
    env.registerExtensionPoint(stewardshipMetricSourcesExtensionPoint, {
      addMetricSourceFactory: addFactory,
    });
    const backlogProviders = new BacklogProviderRegistry();
    env.registerExtensionPoint(
      stewardshipBacklogProvidersExtensionPoint,
      backlogProviders.extensionPoint,
    );

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        userInfo: coreServices.userInfo,
        auditor: coreServices.auditor,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        httpRouter: coreServices.httpRouter,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        signals: signalsServiceRef,
        notifications: notificationService,
      },
      async init({
        config,
        logger,
        auth,
        httpAuth,
        userInfo,
        auditor,
        permissions,
        permissionsRegistry,
        httpRouter,
        database,
        scheduler,
        catalog: catalogService,
        notifications,
        signals,
      }) {
        permissionsRegistry.addPermissions(stewardshipPermissions);
        const catalog = catalogOnBehalfOf(
          catalogService,
          await auth.getOwnServiceCredentials(),
        );
        const entityPermissions = new EntityPermissions(permissions);
        const policy = readOwnershipPolicy(config, logger);
        const db = await StewardshipDatabase.create({ database });
        const visibility = new CatalogVisibility({
          catalog,
          permissions,
          auth,
        });
        const ownership = new OwnershipService(
          new CatalogOwnershipReader(catalog, policy, auth),
          db.ownershipSnapshots,
          {
            visibility,
            cacheTtlMs: readScorecardCacheTtl(config),
            exemptions: db.ownershipExemptions,
            attestations: db.ownershipAttestations,
          },
        );
        // Exemptions and confirmations tell open Ownership tabs and scorecards to read again.
        const ownershipChanges = new OwnershipChangeSignaller(
          signals,
          logger.child({ task: 'ownership-signals' }),
        );
        const exemptions = new OwnershipExemptionService({
          catalog,
          ownership,
          store: db.ownershipExemptions,
          permissions: entityPermissions,
          settings: readExemptionSettings(config),
          changes: ownershipChanges,
        });
        const attestationSettings = readAttestationSettings(config);
        const attestations = new OwnershipAttestationService({
          ownership,
          store: db.ownershipAttestations,
          permissions: entityPermissions,
          userInfo,
          settings: attestationSettings,
          changes: ownershipChanges,
        });
        await scheduleOwnershipReminders({
          config,
          scheduler,
          auth,
          reminders: new OwnershipReminders({
            ownership,
            exemptions: db.ownershipExemptions,
            sent: db.ownershipReminders,
            notifications,
            logger: logger.child({ task: 'ownership-reminders' }),
            attestationReminderIntervalMs:
              attestationSettings.reminderIntervalMs,
          }),
        });

        const sloSettings = readSloSettings(config);
        for (const warning of sloSettings.warnings) logger.warn(warning);
        const sloStore = db.slos;
        const metricSources = readMetricSources(config, factories, logger);
        const evaluator = new SloEvaluator(metricSources, {
          queryTimeoutMs: sloSettings.queryTimeoutMs,
        });
        const runner = new SloEvaluationRunner(sloStore, evaluator, {
          concurrencyPerSource: sloSettings.concurrencyPerSource,
          statusListeners: [
            new SloStatusNotifier(
              notifications,
              db.sloStatusNotifications,
              logger.child({ task: 'slo-status-notifications' }),
            ),
            // Open SLO tabs read their statuses again (Backstage signals).
            new SloEvaluationSignaller(signals),
          ],
          logger,
        });
        const slos = new SloService({
          store: sloStore,
          evaluator,
          runner,
          catalog,
          visibility,
          permissions: entityPermissions,
          stalenessMs: sloSettings.stalenessMs,
        });
        const sloOverview = new SloOverviewService({
          store: sloStore,
          catalog,
          visibility,
          stalenessMs: sloSettings.stalenessMs,
          cacheTtlMs: readCacheTtl(
            config,
            'stewardship.slos.overview.cacheTtl',
            DEFAULT_SLO_OVERVIEW_CACHE_TTL_MS,
          ),
        });

        const metricSourceHealth = MetricSourceHealthService.fromConfig(
          config,
          metricSources,
        );
        // Incident writes (users, tools, PagerDuty) tell open tabs to refresh (Backstage signals).
        const incidentStore = new SignallingIncidentStore(
          db.incidents,
          signals,
          logger.child({ task: 'incident-signals' }),
        );
        const incidentBudget = new IncidentBudgetCalculator({
          sources: metricSources,
          slos: sloStore,
          queryTimeoutMs: sloSettings.queryTimeoutMs,
        });
        const incidents = new IncidentService({
          store: incidentStore,
          permissions: entityPermissions,
          slos: sloStore,
          visibility,
          budget: incidentBudget,
          // The same per-reader allowance as an SLO status evaluated on the spot.
          onDemandReads: slos,
        });
        const backlog = new BacklogService({
          catalog,
          logger: logger.child({ task: 'backlog' }),
          settings: readBacklogSettings(config),
          figuresStore: db.backlogFigures,
          providers: backlogProviders.create({
            config,
            slos,
            snapshots: sloStore,
            incidents: db.incidents,
          }),
        });
        const pagerDutySettings = readPagerDutySettings(config);
        for (const warning of pagerDutySettingsWarnings(pagerDutySettings)) {
          logger.warn(warning);
        }
        if (pagerDutySettings.webhookSecrets.length === 0) {
          // A warning when the key is there but came out empty (e.g. `[${UNSET_VARIABLE}]`):
          // someone meant PagerDuty to deliver, and every delivery will be refused.
          const configured = config.has(
            'stewardship.incidents.pagerduty.webhookSecrets',
          );
          logger[configured ? 'warn' : 'info'](
            `${
              configured
                ? 'stewardship.incidents.pagerduty.webhookSecrets is empty (an unset environment variable?)'
                : 'No stewardship.incidents.pagerduty.webhookSecrets'
            }: PagerDuty deliveries are refused (401)`,
          );
        }
        const pagerDuty = new PagerDutyWebhookHandler({
          store: incidentStore,
          catalog,
          auth,
          logger: logger.child({ task: 'pagerduty-webhook' }),
          auditor,
          settings: pagerDutySettings,
        });
        const releaseGateSettings = readReleaseGateSettings(config);
        const releaseGate = new ReleaseGateService({
          catalog,
          slos,
          snapshots: sloStore,
          overrides: db.releaseGateOverrides,
          permissions: entityPermissions,
          settings: releaseGateSettings,
        });
        const review = new ReviewService({
          catalog,
          visibility,
          slos: sloStore,
          incidents: db.incidents,
          backlog: db.backlogFigures,
          ownership,
          releaseGate: releaseGateSettings,
          stalenessMs: sloSettings.stalenessMs,
          snapshotRetentionMs: sloSettings.snapshotRetentionMs,
        });
        // The plugin's only router, and last: it ends in a catch-all 404 (unknownRoute), so a
        // router added after it through httpRouter.use would never be reached.
        httpRouter.use(
          await createRouter({
            auditor,
            releaseGate,
            review,
            httpAuth,
            ownership,
            exemptions,
            attestations,
            slos,
            sloOverview,
            metricSourceHealth,
            incidents,
            pagerDuty,
            pagerDutySettings,
            backlog,
            // Warns when unverified webhook deliveries go past the audit bound.
            logger: logger.child({ task: 'pagerduty-webhook' }),
          }),
        );
        // The only route without Backstage credentials: PagerDuty cannot send them. Its
        // X-PagerDuty-Signature (HMAC over the raw body) is checked instead, before parsing.
        httpRouter.addAuthPolicy({
          path: PAGERDUTY_WEBHOOK_PATH,
          allow: 'unauthenticated',
        });
        await scheduleScorecardSnapshots({
          config,
          scheduler,
          logger,
          auth,
          ownership,
        });
        await scheduleSloEvaluation({
          scheduler,
          logger,
          runner,
          store: sloStore,
          settings: sloSettings,
          sources: evaluator.sourceNames,
          catalog,
          auth,
          auditor,
          backlogFigures: db.backlogFigures,
        });
        await scheduleIncidentBudgetBackfill({
          scheduler,
          logger,
          backfill: new IncidentBudgetBackfill({
            store: db.incidents,
            budget: incidentBudget,
            slos: sloStore,
          }),
          schedule: sloSettings.schedule,
        });
      },
    });
  },
});
