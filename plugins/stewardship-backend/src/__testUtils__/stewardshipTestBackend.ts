import {
  AuditorService,
  BackendFeature,
  BackstageCredentials,
  DatabaseService,
  PermissionsService,
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  TestBackend,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { stewardshipPlugin } from '../plugin';
import { catalogServiceFactory } from './countingCatalog';

/**
 * A Prometheus metric source at a port nothing listens on: every query is refused at once, so an
 * evaluation stores a no-data snapshot. For tests whose SLOs are never evaluated for real.
 */
export const REFUSING_PROMETHEUS: JsonObject = {
  type: 'prometheus',
  baseUrl: 'http://127.0.0.1:9',
};

/**
 * An SLO evaluation schedule (`stewardship.slos.evaluation.schedule`) whose first run is an hour
 * away: no scheduled evaluation adds a snapshot while a test reads the ones it stored.
 */
export const FIRST_EVALUATION_IN_AN_HOUR: JsonObject = {
  frequency: { minutes: 5 },
  timeout: { minutes: 4 },
  initialDelay: { hours: 1 },
};

/** What a {@link startStewardshipTestBackend} backend is made of, beyond its defaults. */
export type StewardshipTestBackendOptions = {
  /**
   * The plugin's database: a knex from `TestDatabases` when the database is what the test is
   * about, otherwise a database service factory, e.g. `inMemoryDatabaseFactory()`'s (called at
   * the test file's top level, as it registers an `afterAll`).
   */
  database: Knex | ServiceFactory<DatabaseService>;
  /** The root config's data (default: empty, so every `stewardship.*` setting takes its default). */
  config?: JsonObject;
  /**
   * The credentials of a request without a token (default: `mockCredentials.none()`, so such a
   * request is unauthenticated, as in production).
   */
  defaultCredentials?: BackstageCredentials;
  /** The permission service (default: `startTestBackend`'s, which allows every request). */
  permissions?: ServiceFactory<PermissionsService>;
  /** The auditor (default: `startTestBackend`'s, which only logs). */
  auditor?: ServiceFactory<AuditorService>;
  /** The scheduler (default: `startTestBackend`'s, which runs each task once on startup). */
  scheduler?: ServiceFactory<SchedulerService>;
  /** Modules of the plugin and any other service the test replaces. */
  features?: BackendFeature[];
} & (
  | {
      /** The entities of an in-memory catalog (`catalogServiceMock`; default: an empty one). */
      entities?: Entity[];
      catalog?: never;
    }
  | {
      /** A catalog that does more than hold entities, e.g. `countingCatalog`'s. */
      catalog: CatalogService;
      entities?: never;
    }
);

/**
 * Starts the stewardship plugin on a test backend, as most of the plugin's route tests do: one
 * place for the services they all need (database, catalog, config, request credentials), so each
 * test names only what it is about.
 */
export function startStewardshipTestBackend(
  options: StewardshipTestBackendOptions,
): Promise<TestBackend> {
  const { database, permissions, auditor, scheduler } = options;
  return startTestBackend({
    features: [
      stewardshipPlugin,
      // A knex instance is a function (its query builder); a service factory is an object.
      typeof database === 'function'
        ? mockServices.database.factory({ knex: database })
        : database,
      options.catalog
        ? catalogServiceFactory(options.catalog)
        : catalogServiceMock.factory({ entities: options.entities ?? [] }),
      mockServices.rootConfig.factory({ data: options.config ?? {} }),
      mockServices.httpAuth.factory({
        defaultCredentials:
          options.defaultCredentials ?? mockCredentials.none(),
      }),
      ...(permissions ? [permissions] : []),
      ...(auditor ? [auditor] : []),
      ...(scheduler ? [scheduler] : []),
      ...(options.features ?? []),
    ],
  });
}
