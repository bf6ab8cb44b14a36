/*
 * PostgreSQL with `backend.database.pluginDivisionMode: schema`: one database for the whole
 * Backstage backend and a schema per plugin, as adopters whose database server allows them one
 * database run it. The plugin gets its database from Backstage's own DatabaseManager (not the test
 * utilities' ready knex), so its migrations and every read that is raw SQL (the history thinned
 * with generate_series and LATERAL, the latest snapshot per SLO, the incident figures) run with
 * the search path Backstage sets, and must find their tables in the plugin's schema alone.
 */
import {
  DatabaseService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { DatabaseManager } from '@backstage/backend-defaults/database';
import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { SloEvaluation } from '@stewardship/backstage-plugin-stewardship-common';
import { randomBytes } from 'crypto';
import knexFactory, { Knex } from 'knex';
import request from 'supertest';
import { component } from './__testUtils__/entities';
import { sloBodyFor } from './__testUtils__/sloSpecs';
import { postgresConnectionString } from './__testUtils__/testDatabases';
import {
  REFUSING_PROMETHEUS,
  startStewardshipTestBackend,
} from './__testUtils__/stewardshipTestBackend';
import { StewardshipDatabase } from './database/StewardshipDatabase';
import { storedEvaluation } from './__testUtils__/evaluations';

const postgres = postgresConnectionString();
const BASE = '/api/stewardship';
const ENTITY = 'component:default/checkout';
const asUser = mockCredentials.user.header('user:default/jane');
const MINUTE = 60_000;
/** Whole minutes, so every moment is exact in the database and in the answer. */
const NOW = Math.floor(Date.now() / MINUTE) * MINUTE;

/** `connection` with its database set to `database`. */
function withDatabase(connection: string, database: string): string {
  const url = new URL(connection);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A stored evaluation of `sloId` at `at` whose budget left tells it apart. */
function snapshot(sloId: string, at: number, remaining: number): SloEvaluation {
  const slo = { id: sloId, entityRef: ENTITY, objective: 0.99 };
  return storedEvaluation(slo, at, { remaining, sli: 0.9995 });
}

(postgres ? describe : describe.skip)(
  'the plugin on PostgreSQL with a schema per plugin (pluginDivisionMode: schema)',
  () => {
    const database = `stewardship_schemas_${randomBytes(4).toString('hex')}`;
    let admin: Knex;
    let app: any;
    let stopBackend: () => Promise<void>;
    /** Each plugin's knex, by plugin id. */
    const clients = new Map<string, Knex>();

    beforeAll(async () => {
      admin = knexFactory({ client: 'pg', connection: postgres });
      await admin.raw('CREATE DATABASE ??', [database]);
      const manager = DatabaseManager.fromConfig(
        new ConfigReader({
          backend: {
            database: {
              client: 'pg',
              connection: withDatabase(postgres!, database),
              pluginDivisionMode: 'schema',
            },
          },
        }),
      );
      // Backstage's DatabaseManager, keeping each plugin's knex to close it after the tests
      // (the manager closes none when a backend stops).
      const databaseFactory = createServiceFactory({
        service: coreServices.database,
        deps: {
          logger: coreServices.logger,
          lifecycle: coreServices.lifecycle,
          pluginMetadata: coreServices.pluginMetadata,
        },
        factory({ logger, lifecycle, pluginMetadata }): DatabaseService {
          const service = manager.forPlugin(pluginMetadata.getId(), {
            logger,
            lifecycle,
          });
          return {
            ...service,
            async getClient() {
              const client = await service.getClient();
              clients.set(pluginMetadata.getId(), client);
              return client;
            },
          };
        },
      });
      const backend = await startStewardshipTestBackend({
        database: databaseFactory,
        entities: [component('checkout')],
        config: {
          stewardship: { metricSources: { prom: REFUSING_PROMETHEUS } },
        },
      });
      app = backend.server;
      stopBackend = () => backend.stop();
    });

    afterAll(async () => {
      await stopBackend?.();
      await Promise.all([...clients.values()].map(client => client.destroy()));
      await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [database]);
      await admin.destroy();
    });

    it('migrates into the schema named for the plugin and nowhere else', async () => {
      // information_schema only lists the database it is asked in.
      const inDatabase = knexFactory({
        client: 'pg',
        connection: withDatabase(postgres!, database),
      });
      try {
        const ask = async (schema: string) =>
          (
            await inDatabase.raw(
              `SELECT table_name FROM information_schema.tables
               WHERE table_schema = ? ORDER BY table_name`,
              [schema],
            )
          ).rows.map((row: { table_name: string }) => row.table_name);
        expect(await ask('stewardship')).toEqual(
          expect.arrayContaining([
            'knex_migrations',
            'slos',
            'slo_snapshots',
            'incidents',
            'ownership_scorecard_snapshots',
          ]),
        );
        expect(await ask('public')).toEqual([]);
      } finally {
        await inDatabase.destroy();
      }
    });

    it('serves an SLO, its thinned history, its latest evaluation and an incident from that schema', async () => {
      const created = await request(app)
        .post(`${BASE}/slos`)
        .set('Authorization', asUser)
        .send(sloBodyFor(ENTITY));
      expect(created.status).toBe(201);
      const id: string = created.body.id;

      // Ten evaluations a minute apart; the newest has 0.1 of the budget left.
      const db = await StewardshipDatabase.forTest(clients.get('stewardship')!);
      await db.slos.saveSnapshots(
        Array.from({ length: 10 }, (_, i) =>
          snapshot(id, NOW - (10 - i) * MINUTE, 1 - i / 10),
        ),
      );

      const listed = await request(app)
        .get(`${BASE}/entities/component/default/checkout/slos`)
        .set('Authorization', asUser);
      expect(listed.status).toBe(200);
      expect(listed.body.items).toHaveLength(1);
      expect(listed.body.items[0].evaluation.errorBudget.remaining).toBeCloseTo(
        0.1,
        12,
      );

      // Ten points asked for as three: the newest of each bucket ⌊9 min / 2⌋ + 1 ms wide,
      // counted from the epoch (the store's rule; snapshotReads.test.ts checks it in full).
      const from = NOW - 10 * MINUTE;
      const to = NOW - MINUTE;
      const history = await request(app)
        .get(`${BASE}/slos/${id}/history`)
        .query({
          from: new Date(from).toISOString(),
          to: new Date(to).toISOString(),
          limit: 3,
        })
        .set('Authorization', asUser);
      expect(history.status).toBe(200);
      const width = Math.floor((to - from) / 2) + 1;
      const newestOfBucket = new Map<number, number>();
      for (let i = 0; i < 10; i++) {
        const at = NOW - (10 - i) * MINUTE;
        newestOfBucket.set(Math.floor(at / width), at);
      }
      expect(
        history.body.points.map((p: { at: string }) => Date.parse(p.at)),
      ).toEqual([...newestOfBucket.values()]);

      const incident = await request(app)
        .post(`${BASE}/incidents`)
        .set('Authorization', asUser)
        .send({
          entityRef: ENTITY,
          title: 'Checkout down',
          severity: 'SEV2',
          status: 'acknowledged',
          detectedAt: new Date(NOW - 30 * MINUTE).toISOString(),
          acknowledgedAt: new Date(NOW - 26 * MINUTE).toISOString(),
          affectedSloIds: [id],
        });
      expect(incident.status).toBe(201);
      const summary = await request(app)
        .get(`${BASE}/entities/component/default/checkout/incidents/summary`)
        .set('Authorization', asUser);
      expect(summary.status).toBe(200);
      // Acknowledged 4 minutes after it was detected.
      expect(summary.body.incidents.all).toMatchObject({
        count: 1,
        open: 1,
        mtta: { n: 1, medianSeconds: 240, meanSeconds: 240 },
      });
    });
  },
);
