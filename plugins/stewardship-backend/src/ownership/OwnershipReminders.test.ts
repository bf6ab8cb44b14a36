/*
 * The reminders' "once per period" rule with a hand-moved clock: an exemption's owners hear once,
 * from 14 days before its end, while it stands in for a missing owner; a holder hears about an
 * unconfirmed role once per interval, all their unconfirmed roles in one notification; a confirmed role, a role nobody holds and a failed send
 * (retried next run) are handled; the store is an in-memory stand-in for the table, except in the
 * abort and overlap tests, which run on the real tables (SQLite and PostgreSQL): a run aborted
 * mid-way has marked exactly what it sent, and the next run sends only the rest; two runs at once
 * (one held mid-send until the other has finished) send each reminder once; another run's claim
 * is respected until its lease lapses, then taken over.
 */
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  EntityOwnership,
  OwnershipExemption,
  RoleEvaluation,
} from '@stewardship/backstage-plugin-stewardship-common';
import {
  OwnershipReminderClaim,
  OwnershipReminderStore,
} from '../database/OwnershipReminderStore';
import { StewardshipDatabase } from '../database/StewardshipDatabase';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { OwnershipReminders, isReminderDue } from './OwnershipReminders';

const DAY = 86_400_000;
const start = Date.parse('2026-11-01T09:00:00.000Z');

class MemoryReminderStore implements OwnershipReminderStore {
  readonly rows = new Map<string, Date>();
  readonly claims = new Map<string, { claimant: string; at: Date }>();
  async lastSent(keys: readonly string[]) {
    return new Map(
      keys.filter(k => this.rows.has(k)).map(k => [k, this.rows.get(k)!]),
    );
  }
  async claim(keys: readonly string[], claim: OwnershipReminderClaim) {
    const held = keys.some(k => {
      const other = this.claims.get(k);
      return (
        other &&
        other.claimant !== claim.claimant &&
        claim.at.getTime() - other.at.getTime() < claim.leaseMs
      );
    });
    if (held) return undefined;
    for (const key of keys) this.claims.set(key, claim);
    return this.lastSent(keys);
  }
  async markSent(keys: readonly string[], at: Date, claimant?: string) {
    for (const key of keys) this.rows.set(key, at);
    if (claimant) await this.release(keys, claimant);
  }
  async release(keys: readonly string[], claimant: string) {
    for (const key of keys) {
      if (this.claims.get(key)?.claimant === claimant) this.claims.delete(key);
    }
  }
  async pruneClaims(claimedBefore: Date) {
    const lapsed = [...this.claims].filter(
      ([, claim]) => claim.at < claimedBefore,
    );
    for (const [key] of lapsed) this.claims.delete(key);
    return lapsed.length;
  }
}

const role = (
  name: RoleEvaluation['role'],
  holder: string | undefined,
  state: 'current' | 'stale' | 'none',
): RoleEvaluation => ({
  role: name,
  required: true,
  status: holder ? 'ok' : 'missing',
  annotation: `stewardship.io/${name}-owner`,
  ...(holder && {
    value: holder,
    owner: { entityRef: holder, kind: 'user', displayName: holder },
  }),
  attestation: { state },
});

/** A role the catalog leaves without an owner, which `exemption` stands in for. */
const exemptRole = (
  name: RoleEvaluation['role'],
  exemption: OwnershipExemption,
): RoleEvaluation => ({
  ...role(name, undefined, 'none'),
  status: 'exempt',
  catalogStatus: 'missing',
  exemption,
});

const entity = (name: string, roles: RoleEvaluation[]): EntityOwnership => ({
  entityRef: `component:default/${name}`,
  kind: 'Component',
  namespace: 'default',
  name,
  applies: true,
  compliant: true,
  roles,
});

function setup(options: {
  evaluations?: EntityOwnership[];
  exemptions?: OwnershipExemption[];
  store?: OwnershipReminderStore;
}) {
  let now = start;
  const sent = new MemoryReminderStore();
  const send = jest.fn(
    async (_: Parameters<NotificationService['send']>[0]) => {},
  );
  const logger = mockServices.logger.mock();
  const catalogEvaluations = jest.fn(async () => options.evaluations ?? []);
  const reminders = new OwnershipReminders({
    ownership: { catalogEvaluations },
    exemptions: {
      exemptionsInForce: async at =>
        (options.exemptions ?? []).filter(
          e => Date.parse(e.expiresAt) > at.getTime(),
        ),
    },
    sent: options.store ?? sent,
    notifications: { send },
    logger,
    attestationReminderIntervalMs: 7 * DAY,
    now: () => new Date(now),
  });
  return {
    send,
    sent,
    logger,
    catalogEvaluations,
    run: (signal?: AbortSignal) =>
      signal
        ? reminders.run(mockCredentials.service(), { signal })
        : reminders.run(mockCredentials.service()),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** A business-owner exemption of component `name`, granted a day before `start`, ending 10 days after. */
const ending = (id: string, name: string): OwnershipExemption => ({
  id,
  entityRef: `component:default/${name}`,
  role: 'business',
  reason: 'team being formed',
  grantedBy: 'user:default/jane',
  grantedAt: new Date(start - DAY).toISOString(),
  expiresAt: new Date(start + 10 * DAY).toISOString(),
});

describe('isReminderDue', () => {
  it('is due when never sent, and again a full period after the last sending', () => {
    const last = new Date(start);
    expect(isReminderDue(undefined, last, DAY)).toBe(true);
    expect(isReminderDue(last, new Date(start + DAY - 1), DAY)).toBe(false);
    expect(isReminderDue(last, new Date(start + DAY), DAY)).toBe(true);
  });
});

describe('OwnershipReminders', () => {
  it("tells an exemption's owners once, from 14 days before it ends", async () => {
    const exemption: OwnershipExemption = {
      id: 'ex-1',
      entityRef: 'component:default/cart',
      role: 'business',
      reason: 'team being formed',
      grantedBy: 'user:default/jane',
      grantedAt: new Date(start - DAY).toISOString(),
      // 20 days after start.
      expiresAt: new Date(start + 20 * DAY).toISOString(),
    };
    const { run, advance, send } = setup({
      exemptions: [exemption],
      evaluations: [entity('cart', [exemptRole('business', exemption)])],
    });

    expect(await run()).toBe(0);
    advance(6 * DAY - 1); // 14 days and 1 ms left
    expect(await run()).toBe(0);
    advance(1); // exactly 14 days left
    expect(await run()).toBe(1);
    expect(send).toHaveBeenCalledWith({
      recipients: { type: 'entity', entityRef: 'component:default/cart' },
      payload: expect.objectContaining({
        // The moment, not its UTC date: an exemption picked to end on 10 Nov in Tokyo ends
        // at 2026-11-09 15:00 UTC, which a bare date would have shown as the 9th.
        title:
          'cart: the business owner exemption ends on 2026-11-21 09:00 UTC',
        link: '/catalog/default/component/cart/ownership',
        topic: 'stewardship-ownership-exemption-expiry',
        scope: 'stewardship-exemption:ex-1',
      }),
    });
    // Every later run until (and after) the end: nothing more.
    for (let day = 0; day < 16; day++) {
      advance(DAY);
      expect(await run()).toBe(0);
    }
    expect(send).toHaveBeenCalledTimes(1);
  });

  it("reminds a holder once per interval, all of one holder's due roles in one notification", async () => {
    const { run, advance, send, sent } = setup({
      evaluations: [
        entity('cart', [
          role('business', 'user:default/jane', 'none'),
          role('product', 'user:default/jane', 'stale'),
          role('engineering', 'user:default/jane', 'current'),
        ]),
        entity('shop', [
          role('business', 'user:default/joe', 'none'),
          role('product', undefined, 'none'),
          role('engineering', 'user:default/jane', 'current'),
        ]),
      ],
    });

    expect(await run()).toBe(2);
    expect(send).toHaveBeenCalledWith({
      recipients: { type: 'entity', entityRef: 'user:default/jane' },
      payload: expect.objectContaining({
        title: 'Confirm you are still the owner of 2 roles',
        description: expect.stringContaining(
          'Business owner of cart, Product owner of cart.',
        ),
        topic: 'stewardship-ownership-attestation',
        scope: 'stewardship-attestation:user:default/jane',
      }),
    });
    expect(send).toHaveBeenCalledWith({
      recipients: { type: 'entity', entityRef: 'user:default/joe' },
      payload: expect.objectContaining({
        title: 'Confirm you are still the business owner of shop',
      }),
    });
    expect([...sent.rows.keys()].sort()).toEqual([
      'attestation:component:default/cart:business:user:default/jane',
      'attestation:component:default/cart:product:user:default/jane',
      'attestation:component:default/shop:business:user:default/joe',
    ]);

    // Within the interval: nothing, however often the task runs.
    advance(7 * DAY - 1);
    expect(await run()).toBe(0);
    expect(send).toHaveBeenCalledTimes(2);
    // A full interval later: once more each.
    advance(1);
    expect(await run()).toBe(2);
    expect(send).toHaveBeenCalledTimes(4);
  });

  it('tells nobody of an exemption that no longer stands in for a missing owner', async () => {
    const named = ending('ex-named', 'cart');
    const gone = ending('ex-gone', 'deleted');
    const uncovered = ending('ex-uncovered', 'library');
    const standing = ending('ex-standing', 'shop');
    const { run, send } = setup({
      exemptions: [named, gone, uncovered, standing],
      evaluations: [
        // The catalog names cart's business owner by now: the exemption changes nothing.
        entity('cart', [role('business', 'user:default/joe', 'current')]),
        // The ownership policy no longer covers library.
        {
          ...entity('library', [exemptRole('business', uncovered)]),
          applies: false,
        },
        entity('shop', [exemptRole('business', standing)]),
      ],
    });
    expect(await run()).toBe(1);
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith(
      expect.objectContaining({
        payload: expect.objectContaining({
          scope: 'stewardship-exemption:ex-standing',
        }),
      }),
    );
  });

  it("keeps a holder's other unconfirmed roles in the notification when a new one becomes due", async () => {
    const evaluations = [
      entity('cart', [role('business', 'user:default/jane', 'none')]),
    ];
    const { run, advance, send } = setup({ evaluations });
    expect(await run()).toBe(1);
    expect(send).toHaveBeenLastCalledWith(
      expect.objectContaining({
        payload: expect.objectContaining({
          title: 'Confirm you are still the business owner of cart',
        }),
      }),
    );
    // Three days later jane also becomes shop's product owner: her one notification (same
    // scope, replaced) must still name cart.
    advance(3 * DAY);
    evaluations.push(
      entity('shop', [role('product', 'user:default/jane', 'none')]),
    );
    expect(await run()).toBe(1);
    expect(send).toHaveBeenLastCalledWith({
      recipients: { type: 'entity', entityRef: 'user:default/jane' },
      payload: expect.objectContaining({
        title: 'Confirm you are still the owner of 2 roles',
        description:
          'Not confirmed, or the confirmation expired: Business owner of cart, Product owner of shop. Open the Ownership tab and choose "Confirm I am still the owner".',
        scope: 'stewardship-attestation:user:default/jane',
      }),
    });
    // Both were just named: nothing more for a full interval.
    advance(7 * DAY - 1);
    expect(await run()).toBe(0);
    advance(1);
    expect(await run()).toBe(1);
  });

  it("reminds a role's new holder at once, not when the previous holder's interval ends", async () => {
    const evaluations = [
      entity('cart', [role('business', 'user:default/alice', 'none')]),
    ];
    const { run, advance, send } = setup({ evaluations });
    expect(await run()).toBe(1);
    // A day later the annotation names Bob (spelt with capitals: the same holder as bob).
    advance(DAY);
    evaluations[0] = entity('cart', [
      role('business', 'user:default/Bob', 'none'),
    ]);
    expect(await run()).toBe(1);
    expect(send).toHaveBeenLastCalledWith(
      expect.objectContaining({
        recipients: { type: 'entity', entityRef: 'user:default/Bob' },
        payload: expect.objectContaining({
          title: 'Confirm you are still the business owner of cart',
        }),
      }),
    );
    // Bob's own interval from then on, however his ref is spelt.
    advance(DAY);
    evaluations[0] = entity('cart', [
      role('business', 'user:default/bob', 'none'),
    ]);
    expect(await run()).toBe(0);
    advance(6 * DAY - 1);
    expect(await run()).toBe(0);
    advance(1);
    expect(await run()).toBe(1);
    expect(send).toHaveBeenCalledTimes(3);
  });

  it('retries a reminder whose sending failed on the next run', async () => {
    const { run, send } = setup({
      evaluations: [
        entity('cart', [role('business', 'user:default/jane', 'none')]),
      ],
    });
    send.mockRejectedValueOnce(new Error('notifications down'));
    expect(await run()).toBe(0);
    expect(await run()).toBe(1);
    expect(await run()).toBe(0);
  });
});

describe('OwnershipReminders, aborted', () => {
  const databases = createTestDatabases();

  const exemptionA = ending('ex-a', 'cart');
  const exemptionB = ending('ex-b', 'shop');
  /** Sent in this order: the exemptions first, then each holder's one notification. */
  const evaluations = [
    entity('cart', [exemptRole('business', exemptionA)]),
    entity('shop', [exemptRole('business', exemptionB)]),
    entity('search', [role('product', 'user:default/jane', 'none')]),
    entity('billing', [role('product', 'user:default/joe', 'stale')]),
  ];
  const scopes = [
    'stewardship-exemption:ex-a',
    'stewardship-exemption:ex-b',
    'stewardship-attestation:user:default/jane',
    'stewardship-attestation:user:default/joe',
  ];
  const keys = [
    'exemption:ex-a',
    'exemption:ex-b',
    'attestation:component:default/search:product:user:default/jane',
    'attestation:component:default/billing:product:user:default/joe',
  ];

  // Aborted during the first send (in the exemptions' loop) and during the third (the holders').
  describe.each([1, 3])('during send %p', abortedDuring => {
    it.each(databases.eachSupportedId())(
      'sends and marks exactly the sends before and during the abort; the next run sends the rest (%p)',
      async databaseId => {
        const knex = await databases.init(databaseId);
        const db = await StewardshipDatabase.forTest(knex);
        const { run, send, logger } = setup({
          evaluations,
          exemptions: [exemptionA, exemptionB],
          store: db.ownershipReminders,
        });
        const controller = new AbortController();
        send.mockImplementation(async () => {
          // The scheduler's timeout fires while this send is under way; it still goes out.
          if (send.mock.calls.length === abortedDuring) {
            controller.abort(new Error('the run timed out'));
          }
        });
        const scopesSent = () => send.mock.calls.map(([n]) => n.payload.scope);

        expect(await run(controller.signal)).toBe(abortedDuring);
        expect(scopesSent()).toEqual(scopes.slice(0, abortedDuring));
        const marked = await db.ownershipReminders.lastSent(keys);
        expect([...marked.keys()].sort()).toEqual(
          keys.slice(0, abortedDuring).sort(),
        );
        expect(logger.info).toHaveBeenCalledWith(
          `Ownership reminders stopped early (the run timed out): ${abortedDuring} sent and marked before the stop; the next run sends the rest`,
        );

        // The next run, with a signal of its own: the rest, and nothing twice.
        expect(await run(new AbortController().signal)).toBe(
          scopes.length - abortedDuring,
        );
        expect(scopesSent()).toEqual(scopes);
        expect(
          [...(await db.ownershipReminders.lastSent(keys)).keys()].sort(),
        ).toEqual([...keys].sort());
        expect(logger.info).toHaveBeenCalledTimes(1);
      },
    );
  });

  it('reads nothing and sends nothing when aborted before it starts', async () => {
    const { run, send, sent, catalogEvaluations, logger } = setup({
      evaluations,
      exemptions: [exemptionA, exemptionB],
    });
    const controller = new AbortController();
    controller.abort(new Error('shutting down'));
    expect(await run(controller.signal)).toBe(0);
    expect(catalogEvaluations).not.toHaveBeenCalled();
    expect(send).not.toHaveBeenCalled();
    expect(sent.rows.size).toBe(0);
    expect(logger.info).toHaveBeenCalledWith(
      'Ownership reminders stopped early (shutting down): 0 sent and marked before the stop; the next run sends the rest',
    );
  });
});

describe('OwnershipReminders, overlapping runs', () => {
  const databases = createTestDatabases();
  const HOUR = 60 * 60_000;

  const exemptionA = ending('ex-a', 'cart');
  const exemptionB = ending('ex-b', 'shop');
  /** Sent in this order: the exemptions first, then each holder's one notification. */
  const evaluations = [
    entity('cart', [exemptRole('business', exemptionA)]),
    entity('shop', [exemptRole('business', exemptionB)]),
    entity('search', [
      role('product', 'user:default/jane', 'none'),
      role('business', 'user:default/jane', 'stale'),
    ]),
    entity('billing', [role('product', 'user:default/joe', 'stale')]),
  ];
  const exemptions = [exemptionA, exemptionB];
  const scopes = [
    'stewardship-exemption:ex-a',
    'stewardship-exemption:ex-b',
    'stewardship-attestation:user:default/jane',
    'stewardship-attestation:user:default/joe',
  ];
  const keys = [
    'exemption:ex-a',
    'exemption:ex-b',
    'attestation:component:default/search:product:user:default/jane',
    'attestation:component:default/search:business:user:default/jane',
    'attestation:component:default/billing:product:user:default/joe',
  ];
  const scopesOf = (send: ReturnType<typeof setup>['send']) =>
    send.mock.calls.map(([n]) => n.payload.scope);

  /** A promise and the function that settles it. */
  function deferred() {
    let resolve!: () => void;
    const promise = new Promise<void>(r => {
      resolve = r;
    });
    return { promise, resolve };
  }

  // The first run is held in its first send (ex-a) until the second has finished; then it goes
  // on (a run that outlived its lease of the task) or stops (its signal aborted at the timeout).
  describe.each([
    ['goes on', false],
    ['was aborted', true],
  ])('the first run %s', (_, aborted) => {
    it.each(databases.eachSupportedId())(
      'sends each reminder once between them (%p)',
      async databaseId => {
        const knex = await databases.init(databaseId);
        const db = await StewardshipDatabase.forTest(knex);
        const first = setup({
          evaluations,
          exemptions,
          store: db.ownershipReminders,
        });
        const second = setup({
          evaluations,
          exemptions,
          store: db.ownershipReminders,
        });
        const controller = new AbortController();
        const inSend = deferred();
        const release = deferred();
        first.send.mockImplementationOnce(async () => {
          inSend.resolve();
          await release.promise;
        });

        const firstRun = first.run(controller.signal);
        await inSend.promise;
        if (aborted) controller.abort(new Error('the run timed out'));
        // ex-a is the first run's to send: the second skips it and sends the rest.
        expect(await second.run(new AbortController().signal)).toBe(3);
        expect(scopesOf(second.send)).toEqual(scopes.slice(1));
        expect(second.logger.info).toHaveBeenCalledWith(
          'Ownership reminders: 1 left to another run that is sending them',
        );
        release.resolve();
        // The first finds the rest sent by the second (or stops): ex-a only.
        expect(await firstRun).toBe(1);
        expect(scopesOf(first.send)).toEqual(scopes.slice(0, 1));

        expect(
          [...(await db.ownershipReminders.lastSent(keys)).keys()].sort(),
        ).toEqual([...keys].sort());
        expect(await knex('ownership_reminder_claims')).toEqual([]);
        // And a third run, within every period, sends nothing.
        const third = setup({
          evaluations,
          exemptions,
          store: db.ownershipReminders,
        });
        expect(await third.run()).toBe(0);
      },
    );
  });

  it.each(databases.eachSupportedId())(
    'skips what another run claimed less than an hour ago, and sends it once the claim has lapsed (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const db = await StewardshipDatabase.forTest(knex);
      // A run that died mid-send (no mark, no release): on ex-a, and on one of jane's two roles,
      // which holds back her whole notification.
      for (const key of [keys[0], keys[3]]) {
        expect(
          await db.ownershipReminders.claim([key], {
            claimant: 'crashed-run',
            at: new Date(start),
            leaseMs: HOUR,
          }),
        ).toEqual(new Map());
      }
      const { run, send, advance, logger } = setup({
        evaluations,
        exemptions,
        store: db.ownershipReminders,
      });

      advance(HOUR - 1);
      expect(await run()).toBe(2);
      expect(scopesOf(send)).toEqual([scopes[1], scopes[3]]);
      expect(logger.info).toHaveBeenCalledWith(
        'Ownership reminders: 2 left to another run that is sending them',
      );
      // Nothing sent for jane, and her other role's claim was let go with it.
      expect(
        [...(await db.ownershipReminders.lastSent(keys)).keys()].sort(),
      ).toEqual([keys[1], keys[4]].sort());
      expect(
        (await knex('ownership_reminder_claims').orderBy('reminder_key')).map(
          r => [r.reminder_key, r.claimant, Number(r.claimed_at)],
        ),
      ).toEqual([
        [keys[3], 'crashed-run', start],
        [keys[0], 'crashed-run', start],
      ]);

      advance(1);
      expect(await run()).toBe(2);
      expect(scopesOf(send)).toEqual([
        scopes[1],
        scopes[3],
        scopes[0],
        scopes[2],
      ]);
      expect(
        [...(await db.ownershipReminders.lastSent(keys)).keys()].sort(),
      ).toEqual([...keys].sort());
      expect(await knex('ownership_reminder_claims')).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'lets go of the claim of a failed send, so the next run retries it (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const db = await StewardshipDatabase.forTest(knex);
      const { run, send } = setup({
        evaluations: evaluations.slice(3),
        store: db.ownershipReminders,
      });
      send.mockRejectedValueOnce(new Error('notifications down'));
      expect(await run()).toBe(0);
      expect(await knex('ownership_reminder_claims')).toEqual([]);
      // Same moment: no lease to wait for.
      expect(await run()).toBe(1);
      expect(scopesOf(send)).toEqual([scopes[3], scopes[3]]);
    },
  );
});
