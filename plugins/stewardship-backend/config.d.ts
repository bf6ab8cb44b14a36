import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the Stewardship plugin. */
  stewardship?: {
    ownership?: {
      /**
       * The entities the ownership policy covers: a kind, optionally narrowed to some
       * `spec.type` values. Defaults to Component, API, System and Domain. An empty list, or a
       * kind that is not a kind name (a letter, then letters and digits), fails the start; a kind
       * that is not one of Backstage's own is taken, with a warning (a custom kind, or a typo).
       */
      appliesTo?: Array<{
        kind: string;
        /** One type or a non-empty list; omitted means every type of the kind. */
        type?: string | string[];
      }>;
      /**
       * The roles every covered entity must have, at least one (an empty list fails the
       * start). Defaults to all three. Roles left out are still shown, but do not make an
       * entity fail.
       */
      requiredRoles?: Array<'business' | 'product' | 'engineering'>;
      /**
       * Whether a role declared on an entity's system or domain counts for the entity.
       * Defaults to true.
       */
      inheritance?: boolean;
      /**
       * How often the scorecard snapshot that feeds the trend is refreshed.
       * Defaults to every hour; one snapshot is kept per day.
       */
      snapshotSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * How long one evaluation of the catalog serves the scorecard (its pages, filters,
       * groupings and CSV), e.g. `60s` (the default), `PT2M` or `{ seconds: 30 }`: shared by
       * everyone who may read the whole catalog, per user under a conditional read policy.
       * A request in the last quarter of it also starts the next read in the background, so a
       * scorecard in use never waits for the catalog after the first read.
       * `0s` reads the catalog on every request. The entity tab always reads it afresh.
       */
      cacheTtl?: string | HumanDuration;
      /** Exemptions from a role (the role counts as met, `exempt`, until they expire). */
      exemptions?: {
        /**
         * The longest an exemption may last from when it is granted, e.g. `180d` (the
         * default), `P90D` or `{ days: 30 }`.
         */
        maxDuration?: string | HumanDuration;
      };
      /** Confirmations by a role's holder that the declared owner is still right. */
      attestation?: {
        /**
         * How long a confirmation counts, e.g. `90d` (the default), `P30D` or `{ days: 30 }`.
         * After it (or once the annotation names someone else) the role shows as unconfirmed.
         */
        maxAge?: string | HumanDuration;
        /**
         * How long a role's holder waits between reminders to confirm the same role, e.g. `7d`
         * (the default).
         */
        reminderInterval?: string | HumanDuration;
      };
      /**
       * When the reminder task runs (exemptions ending within 14 days, roles to confirm).
       * Defaults to every 6 hours; each reminder is still sent at most once per period.
       */
      reminderSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };

    /**
     * Where SLIs are measured: one entry per source, keyed by the name SLOs refer to in their
     * `metricSource` field. Modules may add types through the metric-source extension point.
     */
    metricSources?: {
      [name: string]:
        | {
            /** Any server with the Prometheus HTTP API (Prometheus, Thanos, Mimir, VictoriaMetrics). */
            type: 'prometheus';
            /** e.g. http://prometheus:9090 */
            baseUrl: string;
            /**
             * The address of this Prometheus's own UI as users' browsers reach it, e.g.
             * https://prometheus.example.com (often not `baseUrl`), http(s) without a user name or
             * password. When set, "why this number" links every query to Prometheus's graph page
             * at the moment it was evaluated.
             */
            uiUrl?: string;
            /** Per-request timeout, e.g. `10s` or `{ seconds: 10 }`, at most 24.8 days. Defaults to 10s. */
            timeout?: string | HumanDuration;
            /** @visibility secret */
            bearerToken?: string;
            basicAuth?: {
              username: string;
              /** @visibility secret */
              password: string;
            };
            /**
             * Extra request headers, e.g. `X-Scope-OrgID` for Mimir. Every value is a secret
             * (often an API key): left out of the frontend and masked in the logs.
             * @deepVisibility secret
             */
            headers?: { [name: string]: string };
          }
        | {
            /** Datadog's metric query API. */
            type: 'datadog';
            /** Datadog site, e.g. `datadoghq.eu`. Defaults to `datadoghq.com`. */
            site?: string;
            /** Overrides the API address derived from `site` (proxies, tests). */
            baseUrl?: string;
            /** @visibility secret */
            apiKey: string;
            /** @visibility secret */
            applicationKey: string;
            /** Per-request timeout, e.g. `10s` or `{ seconds: 10 }`, at most 24.8 days. Defaults to 10s. */
            timeout?: string | HumanDuration;
          }
        | {
            /**
             * A type added by a backend module, which declares its keys (and marks its
             * secrets) in its own config.d.ts: this entry checks and hides nothing. Never
             * `prometheus` or `datadog` (the pattern), so an entry of a built-in type is checked
             * against that type's keys alone: a misspelt `baseurl` fails `config:check --strict`.
             * @pattern ^(?!(prometheus|datadog)$)
             */
            type: string;
            [key: string]: unknown;
          };
    };

    slos?: {
      evaluation?: {
        /**
         * How often every SLO is evaluated (one task per metric source), and when the SLO
         * housekeeping and the incident budget-cost backfill run. Defaults to every 5 minutes.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /** SLOs evaluated at once per metric source. Defaults to 10. */
        concurrencyPerSource?: number;
        /**
         * How long one SLO's queries may take, e.g. `20s` (the default) or `{ seconds: 20 }`; at
         * most 24.8 days (2^31 - 1 ms, a timer's limit).
         */
        queryTimeout?: string | HumanDuration;
        /**
         * How long evaluation snapshots are kept, e.g. `400d` (the default) or `{ days: 400 }`;
         * the backlog's stored figures and failed reads are kept as long.
         */
        snapshotRetention?: string | HumanDuration;
        /**
         * How old an SLO's latest snapshot may be before it counts as stale (the SLOs tab says
         * so, the release gate applies its `noData` decision), e.g. `2h`. Defaults to twice the
         * schedule's frequency, at least 10 minutes; set it with a cron schedule, whose cadence
         * is not read (10 minutes is assumed, with a warning at start-up).
         */
        staleAfter?: string | HumanDuration;
        /**
         * Deletes, in the housekeeping task, the SLOs whose entity has been missing from the
         * catalog for longer than this, e.g. `90d` or `{ days: 90 }`. Not set (the default):
         * never; such SLOs stay hidden (every read and `DELETE` answer 404) and skipped by every
         * run, for good.
         *
         * Missing since: the latest of its latest snapshot's moment, when that snapshot was made
         * (an SLO is only evaluated while its entity exists) and its last change. Each run's step
         * asks the catalog once, with the plugin's
         * own credentials, and deletes at most 100 SLOs (gone longest first, the rest on the next
         * runs) with the route's soft delete: a `deleted` revision by `plugin:stewardship` and an
         * `slo-delete` audit event; the snapshots stay until `snapshotRetention` prunes them. A
         * catalog that fails or does not answer within `queryTimeout` deletes nothing.
         *
         * Risk: the catalog's answer is trusted. A renamed entity (a new ref) loses its SLOs
         * after this long, and so does every SLO if the catalog answers but stays empty for this
         * long (a new catalog database still ingesting). Keep it at most `snapshotRetention`:
         * once an SLO's last snapshot is pruned, only its last change dates the entity's absence
         * (warned at start-up).
         */
        removedEntityRetention?: string | HumanDuration;
      };
      overview?: {
        /**
         * How long one catalog read (which entities exist, their titles, owners and systems)
         * serves the catalog-wide SLO overview's filters and CSV, e.g. `60s` (the default): shared
         * by everyone who may read the whole catalog, per user under a conditional read policy.
         * SLOs and their statuses are always read fresh. `0s` reads the catalog on every request.
         */
        cacheTtl?: string | HumanDuration;
      };
    };

    /**
     * The error-budget policy behind the release gate (GET entities/{ref}/release-gate). Each
     * decision key can be overridden per entity by an annotation `stewardship.io/release-gate-<key>`
     * (exhausted, at-risk, no-data, no-slos), and the labels by
     * `stewardship.io/release-gate-slo-labels: "tier=critical"`.
     */
    errorBudgetPolicy?: {
      /** Any counted SLO exhausted. Default block. */
      exhausted?: 'allow' | 'warn' | 'block';
      /** Any counted SLO at risk (an alert policy fires). Default warn. */
      atRisk?: 'allow' | 'warn' | 'block';
      /** A counted SLO without data, never evaluated, or evaluated too long ago: allow fails open, block fails closed. Default warn. */
      noData?: 'allow' | 'warn' | 'block';
      /** No SLO counts for the entity. Default allow. */
      noSlos?: 'allow' | 'warn' | 'block';
      /**
       * Only SLOs carrying all these labels count, e.g. `{ tier: critical }` or
       * `{ slo.acme.io/tier: critical }` (names are read as written). Default: all SLOs.
       */
      sloLabels?: { [label: string]: string };
      /** The longest an override may last, in days: more than 0 and at most 365. Default 7. */
      maxOverrideDays?: number;
    };
    incidents?: {
      /** Inbound PagerDuty Webhooks v3 at POST /api/stewardship/incidents/webhooks/pagerduty. */
      pagerduty?: {
        /**
         * The signing secrets of the webhook subscriptions. A delivery is accepted when its
         * X-PagerDuty-Signature matches any of them, so a rotated secret can be added before the
         * old one is removed. Without any, every delivery is refused (401). An entry that is
         * empty (an environment variable set to nothing) fails the start.
         * @visibility secret
         */
        webhookSecrets?: string[];
        /**
         * How old an event (its `occurred_at`) may be and still be applied, e.g. `3d` (the
         * default), `36h` or `{ days: 2 }`. An older delivery is answered `202` `ignored`, applies
         * nothing and is a failed audit event: a signed delivery captured while it was ignored
         * cannot be sent again later to record an incident. Keep it above 48 hours, the time
         * PagerDuty retries a delivery for.
         */
        maxEventAge?: string | HumanDuration;
        /** How PagerDuty's priority and urgency become a severity (SEV1 … SEV5). */
        severity?: {
          /** Priority name → severity; wins over urgency. Defaults P1 → SEV1 … P5 → SEV5. */
          priorities?: {
            [priority: string]: 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4' | 'SEV5';
          };
          /** Urgency → severity, for incidents without a priority. Defaults high → SEV2, low → SEV4. */
          urgencies?: {
            [urgency: string]: 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4' | 'SEV5';
          };
          /** When neither maps. Defaults to SEV3. */
          default?: 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4' | 'SEV5';
        };
        rateLimit?: {
          /** Signed deliveries accepted per minute, from all senders together (unsigned ones are refused and not counted). Defaults to 120. */
          requestsPerMinute?: number;
        };
      };
    };
    /** The Backlog: work items from issue trackers and built-in ones, with health figures. */
    backlog?: {
      /** How many top-ranked items the age and reliability figures look at. Defaults to 20. */
      topN?: number;
      /** How long one entity's backlog is reused per caller, e.g. `60s` (the default); `0s` turns it off. */
      cacheTtl?: string | HumanDuration;
      /** How long one provider may take for one entity, all its pages together, at most 24.8 days. Defaults to `10s`. */
      timeout?: string | HumanDuration;
      /** Open items read per provider and entity at most. Defaults to 500. */
      maxItems?: number;
      /** What counts as reliability work besides the built-in items (compared case-insensitively). */
      reliability?: {
        /** Tracker issue types. Defaults to Bug and Incident. */
        issueTypes?: string[];
        /** Tracker labels. Defaults to reliability, slo and incident. */
        labels?: string[];
      };
      /** What means "not triaged yet" besides having no priority (compared case-insensitively). */
      untriaged?: {
        /** Tracker status names. Defaults to Untriaged, Needs Triage and Triage. */
        statuses?: string[];
        /** Labels. Defaults to needs-triage, triage and untriaged. */
        labels?: string[];
      };
      /**
       * Jira, for entities annotated `jira/project-key` (with `jira/component`, `jira/label`) or
       * `jira/all-issues-jql`. GitHub issues need no block here: they use `integrations.github`.
       */
      jira?: {
        /** e.g. `https://acme.atlassian.net` or `https://jira.acme.com/jira`. */
        baseUrl: string;
        /** `cloud` (GET /rest/api/3/search/jql, the default) or `datacenter` (GET /rest/api/2/search). */
        product?: 'cloud' | 'datacenter';
        /** Jira Cloud: the account's email, with `apiToken` (basic auth). */
        email?: string;
        /**
         * Jira Cloud: an API token of the account `email`.
         * @visibility secret
         */
        apiToken?: string;
        /**
         * Jira Data Center: a personal access token (sent as a bearer token).
         * @visibility secret
         */
        token?: string;
        /** Issues per request, an integer from 1 to 1000. Defaults to 100. */
        pageSize?: number;
      };
    };
  };
}
