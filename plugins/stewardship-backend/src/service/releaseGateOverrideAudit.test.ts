/*
 * `release-gate-override` audit events as every other write's (see audited.ts and the backend
 * README's audit paragraph): severity medium, with the request and the entity; a success with the
 * override's id and justification; a refusal (a 4xx: an entity not in the catalog, an expiry in
 * the past) by its error's name and message only, without the stack.
 */
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import request from 'supertest';
import { capturingAuditor } from '../__testUtils__/capturingAuditor';
import { component } from '../__testUtils__/entities';
import { inMemoryDatabaseFactory } from '../__testUtils__/testDatabases';
import { startStewardshipTestBackend } from '../__testUtils__/stewardshipTestBackend';

const testDatabase = inMemoryDatabaseFactory();
const jane = mockCredentials.user.header('user:default/jane');

describe('release-gate-override audit events', () => {
  it('records a refusal without its stack, and a success with the override', async () => {
    const { events, factory } = capturingAuditor();
    const { server } = await startStewardshipTestBackend({
      database: testDatabase,
      auditor: factory,
      scheduler: mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      entities: [component('checkout')],
    });
    const override = (name: string, expiresAt: string) =>
      request(server)
        .post(
          `/api/stewardship/entities/component/default/${name}/release-gate/overrides`,
        )
        .set('Authorization', jane)
        .send({ justification: 'Security fix', expiresAt });
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();

    expect((await override('nowhere', tomorrow)).status).toBe(404);
    expect((await override('checkout', yesterday)).status).toBe(400);
    const created = await override('checkout', tomorrow);
    expect(created.status).toBe(201);

    expect(events.map(event => event.created)).toEqual([
      expect.objectContaining({
        eventId: 'release-gate-override',
        severityLevel: 'medium',
        request: expect.anything(),
        meta: { entityRef: 'component:default/nowhere', expiresAt: tomorrow },
      }),
      expect.objectContaining({
        meta: { entityRef: 'component:default/checkout', expiresAt: yesterday },
      }),
      expect.objectContaining({
        meta: { entityRef: 'component:default/checkout', expiresAt: tomorrow },
      }),
    ]);
    const [missing, past, succeeded] = events.map(event => event.ended);
    for (const [ended, name, message] of [
      [
        missing,
        'NotFoundError',
        'No entity component:default/nowhere in the catalog',
      ],
      [
        past,
        'InputError',
        'Invalid request body "expiresAt": must be in the future',
      ],
    ] as const) {
      expect(ended?.status).toBe('failed');
      expect(ended?.error?.name).toBe(name);
      expect(ended?.error?.message).toBe(message);
      expect(ended?.error?.stack).toBeUndefined();
    }
    expect(succeeded).toEqual({
      status: 'succeeded',
      meta: { overrideId: created.body.id, justification: 'Security fix' },
    });
  });
});
