/*
 * SLO writes are audit events (coreServices.auditor): one per create, import, update, evaluation
 * (it stores a snapshot), delete, and correction added or deleted, succeeded or failed, with the
 * request (so the actor) and what changed; a preview is none, and so are reads (of one entity's
 * SLOs or several entities').
 */
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import request from 'supertest';
import { minimalOpenSlo } from '../__testUtils__/openSlo';
import { component } from '../__testUtils__/entities';
import { inMemoryDatabaseFactory } from '../__testUtils__/testDatabases';
import {
  REFUSING_PROMETHEUS,
  startStewardshipTestBackend,
} from '../__testUtils__/stewardshipTestBackend';
import { capturingAuditor, outcomes } from '../__testUtils__/capturingAuditor';

/** Each backend's plugins get their own in-memory database, closed after the tests. */
const testDatabase = inMemoryDatabaseFactory();

const jane = mockCredentials.user.header('user:default/jane');

describe('SLO audit events', () => {
  it('records every SLO write with its outcome, and no preview or read', async () => {
    const events: Array<{
      eventId: string;
      meta?: unknown;
      outcome?: string;
      result?: unknown;
      hasRequest: boolean;
    }> = [];
    const { server } = await startStewardshipTestBackend({
      database: testDatabase,
      auditor: mockServices.auditor.mock({
        createEvent: async ({ eventId, meta, request: req }) => {
          const event: (typeof events)[number] = {
            eventId,
            meta,
            hasRequest: Boolean(req),
          };
          events.push(event);
          return {
            success: async options => {
              event.outcome = 'succeeded';
              event.result = options?.meta;
            },
            fail: async () => {
              event.outcome = 'failed';
            },
          };
        },
      }).factory,
      entities: [component('checkout')],
      config: {
        stewardship: { metricSources: { prom: REFUSING_PROMETHEUS } },
      },
    });
    const slo = {
      entityRef: 'checkout',
      name: 'availability',
      sli: { type: 'ratio', good: 'ok_total', total: 'all_total' },
      objective: 0.99,
      timeWindow: { type: 'rolling', duration: '30d' },
      metricSource: 'prom',
    };
    const created = await request(server)
      .post('/api/stewardship/slos')
      .set('Authorization', jane)
      .send(slo);
    expect(created.status).toBe(201);
    const { id } = created.body;
    // A domain-invalid SLO (unknown source): the event fails.
    await request(server)
      .post('/api/stewardship/slos')
      .set('Authorization', jane)
      .send({ ...slo, name: 'other', metricSource: 'nope' })
      .expect(400);
    await request(server)
      .put(`/api/stewardship/slos/${id}`)
      .set('Authorization', jane)
      .send({ ...slo, objective: 0.995, version: 1 })
      .expect(200);
    const yaml = minimalOpenSlo({
      name: 'imported',
      service: 'checkout',
      good: 'ok_total',
      total: 'all_total',
    });
    const importYaml = (dryRun: boolean) =>
      request(server)
        .post(
          `/api/stewardship/slos/import?entityRef=checkout&metricSource=prom&dryRun=${dryRun}`,
        )
        .set('Authorization', jane)
        .set('Content-Type', 'application/yaml')
        .send(yaml);
    expect((await importYaml(true)).status).toBe(200);
    const imported = await importYaml(false);
    expect(imported.status).toBe(201);
    // Evaluating stores a snapshot: now, and as of a past moment (a backfill of the history).
    const evaluatedNow = await request(server)
      .post(`/api/stewardship/slos/${id}/evaluate`)
      .set('Authorization', jane)
      .expect(200);
    const past = '2026-11-01T00:00:00.000Z';
    const evaluatedPast = await request(server)
      .post(`/api/stewardship/slos/${id}/evaluate?at=${past}`)
      .set('Authorization', jane)
      .expect(200);
    // Reads, of one entity or several: no event.
    await request(server)
      .get('/api/stewardship/entities/component/default/checkout/slos')
      .set('Authorization', jane)
      .expect(200);
    await request(server)
      .post('/api/stewardship/slos/by-entities')
      .set('Authorization', jane)
      .send({ entityRefs: ['checkout', 'ghost'] })
      .expect(200);
    const unknownId = '00000000-0000-4000-8000-000000000000';
    await request(server)
      .post(`/api/stewardship/slos/${unknownId}/evaluate`)
      .set('Authorization', jane)
      .expect(404);
    await request(server)
      .delete(`/api/stewardship/slos/${id}`)
      .set('Authorization', jane)
      .expect(204);

    expect(events).toEqual([
      {
        eventId: 'slo-create',
        meta: { entityRef: 'checkout', name: 'availability' },
        outcome: 'succeeded',
        result: {
          sloId: id,
          entityRef: 'component:default/checkout',
          version: 1,
        },
        hasRequest: true,
      },
      {
        eventId: 'slo-create',
        meta: { entityRef: 'checkout', name: 'other' },
        outcome: 'failed',
        hasRequest: true,
      },
      {
        eventId: 'slo-update',
        meta: { sloId: id, fromVersion: 1 },
        outcome: 'succeeded',
        result: { entityRef: 'component:default/checkout', version: 2 },
        hasRequest: true,
      },
      {
        eventId: 'slo-import',
        outcome: 'succeeded',
        result: { sloIds: [imported.body.items[0].id] },
        hasRequest: true,
      },
      {
        eventId: 'slo-evaluate',
        meta: { sloId: id },
        outcome: 'succeeded',
        result: {
          at: evaluatedNow.body.at,
          evaluatedAt: evaluatedNow.body.evaluatedAt,
          status: evaluatedNow.body.status,
        },
        hasRequest: true,
      },
      {
        eventId: 'slo-evaluate',
        meta: { sloId: id, at: past },
        outcome: 'succeeded',
        result: {
          at: past,
          evaluatedAt: evaluatedPast.body.evaluatedAt,
          status: evaluatedPast.body.status,
        },
        hasRequest: true,
      },
      {
        eventId: 'slo-evaluate',
        meta: { sloId: unknownId },
        outcome: 'failed',
        hasRequest: true,
      },
      {
        eventId: 'slo-delete',
        meta: { sloId: id },
        outcome: 'succeeded',
        result: {},
        hasRequest: true,
      },
    ]);
  });

  it('records adding and deleting a correction, and a refused one as failed', async () => {
    const auditor = capturingAuditor();
    const { server } = await startStewardshipTestBackend({
      database: testDatabase,
      auditor: auditor.factory,
      entities: [component('checkout')],
      config: {
        stewardship: { metricSources: { prom: REFUSING_PROMETHEUS } },
      },
    });
    const created = await request(server)
      .post('/api/stewardship/slos')
      .set('Authorization', jane)
      .send({
        entityRef: 'checkout',
        name: 'availability',
        sli: { type: 'ratio', good: 'ok_total', total: 'all_total' },
        objective: 0.99,
        timeWindow: { type: 'rolling', duration: '30d' },
        metricSource: 'prom',
      })
      .expect(201);
    const sloId: string = created.body.id;
    const once = {
      start: '2026-11-01T00:00:00.000Z',
      end: '2026-11-01T02:00:00.000Z',
    };
    auditor.events.length = 0;

    const added = await request(server)
      .post(`/api/stewardship/slos/${sloId}/corrections`)
      .set('Authorization', jane)
      .send({ reason: 'Load test', once })
      .expect(201);
    const correctionId: string = added.body.id;
    // Refused: an unknown SLO, then a correction already deleted.
    const unknownSlo = '00000000-0000-4000-8000-000000000000';
    await request(server)
      .post(`/api/stewardship/slos/${unknownSlo}/corrections`)
      .set('Authorization', jane)
      .send({ reason: 'Nowhere', once })
      .expect(404);
    await request(server)
      .delete(`/api/stewardship/slos/${sloId}/corrections/${correctionId}`)
      .set('Authorization', jane)
      .expect(204);
    await request(server)
      .delete(`/api/stewardship/slos/${sloId}/corrections/${correctionId}`)
      .set('Authorization', jane)
      .expect(404);

    expect(outcomes(auditor.events)).toEqual([
      { eventId: 'slo-correction-create', outcome: 'succeeded' },
      { eventId: 'slo-correction-create', outcome: 'failed' },
      { eventId: 'slo-correction-delete', outcome: 'succeeded' },
      { eventId: 'slo-correction-delete', outcome: 'failed' },
    ]);
    const [addedEvent, refusedAdd, deletedEvent, refusedDelete] =
      auditor.events;
    for (const event of auditor.events) {
      expect(event.created).toMatchObject({
        severityLevel: 'medium',
        request: expect.anything(),
      });
    }
    expect(addedEvent.created.meta).toEqual({ sloId, reason: 'Load test' });
    expect(addedEvent.ended?.meta).toEqual({ correctionId, once });
    expect(refusedAdd.created.meta).toEqual({
      sloId: unknownSlo,
      reason: 'Nowhere',
    });
    expect(refusedAdd.ended?.error?.name).toBe('NotFoundError');
    expect(deletedEvent.created.meta).toEqual({ sloId, correctionId });
    expect(deletedEvent.ended?.meta).toEqual({ reason: 'Load test' });
    expect(refusedDelete.created.meta).toEqual({ sloId, correctionId });
    expect(refusedDelete.ended?.error?.name).toBe('NotFoundError');
  });
});
