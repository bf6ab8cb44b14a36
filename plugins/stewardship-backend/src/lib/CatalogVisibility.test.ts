import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CONDITIONAL_CATALOG_READ } from '../__testUtils__/catalogReadPolicy';
import { CatalogVisibility, EXISTENCE_TTL_MS } from './CatalogVisibility';

const jane = mockCredentials.user('user:default/jane');

/** A catalog holding `existing`, showing a user only what `shownTo` allows; reads recorded. */
function fakeCatalog(
  existing: Set<string>,
  shownTo: (ref: string, credentials: BackstageCredentials) => boolean = () =>
    true,
) {
  const reads: Array<{ refs: string[]; principal: unknown }> = [];
  const visible = (ref: string, credentials: BackstageCredentials) =>
    existing.has(ref) && shownTo(ref, credentials);
  const catalog = {
    async getEntityByRef(ref: string, { credentials }: any) {
      reads.push({ refs: [ref], principal: credentials.principal });
      return visible(ref, credentials) ? { kind: 'Component' } : undefined;
    },
    async getEntitiesByRefs({ entityRefs }: any, { credentials }: any) {
      reads.push({ refs: entityRefs, principal: credentials.principal });
      return {
        items: entityRefs.map((ref: string) =>
          visible(ref, credentials) ? { kind: 'Component' } : undefined,
        ),
      };
    },
  } as unknown as CatalogService;
  return { catalog, reads };
}

/** A policy whose answer for `catalog.entity.read` the test sets; its questions counted. */
function policy(initial: AuthorizeResult) {
  const state = { result: initial, asked: 0 };
  const permissions = mockServices.permissions.mock({
    authorizeConditional: async requests =>
      requests.map(({ permission }) => {
        expect(permission.name).toBe('catalog.entity.read');
        state.asked += 1;
        return state.result === AuthorizeResult.CONDITIONAL
          ? CONDITIONAL_CATALOG_READ
          : { result: state.result as AuthorizeResult.ALLOW };
      }),
  }) as unknown as PermissionsService;
  return { state, permissions };
}

function setup(initial: AuthorizeResult, existing: string[]) {
  const clock = { now: 1_000_000 };
  const entities = new Set(existing);
  const { catalog, reads } = fakeCatalog(
    entities,
    // Under conditions the catalog shows users only what is not secret.
    (ref, credentials) =>
      !ref.includes('secret') ||
      (credentials.principal as { type: string }).type === 'service',
  );
  const { state, permissions } = policy(initial);
  const visibility = new CatalogVisibility({
    catalog,
    permissions,
    auth: mockServices.auth({ pluginId: 'stewardship' }),
    now: () => clock.now,
  });
  return { clock, entities, reads, state, visibility };
}

describe('CatalogVisibility', () => {
  it('asks nothing of the catalog when the policy denies catalog reads', async () => {
    const { reads, state, visibility } = setup(AuthorizeResult.DENY, [
      'component:default/a',
    ]);
    expect(
      await visibility.readableRefs(['component:default/a'], jane),
    ).toEqual(new Set());
    await expect(
      visibility.assertReadable('component:default/a', jane, 'No entity a'),
    ).rejects.toThrow(new NotFoundError('No entity a'));
    expect(reads).toEqual([]);
    expect(state.asked).toBe(2);
  });

  it('lets the catalog apply conditions, with the caller’s credentials, on every request', async () => {
    const { reads, visibility } = setup(AuthorizeResult.CONDITIONAL, [
      'component:default/open',
      'component:default/secret',
    ]);
    const refs = ['component:default/open', 'component:default/secret'];
    for (let i = 0; i < 2; i++) {
      expect(await visibility.readableRefs(refs, jane)).toEqual(
        new Set(['component:default/open']),
      );
    }
    // Nothing remembered: both requests read, both as jane.
    expect(reads).toEqual([
      { refs, principal: jane.principal },
      { refs, principal: jane.principal },
    ]);
    await expect(
      visibility.assertReadable('component:default/secret', jane, 'hidden'),
    ).rejects.toThrow('hidden');
    expect(reads[2]).toEqual({
      refs: ['component:default/secret'],
      principal: jane.principal,
    });
  });

  it('reads many refs in batches of 500', async () => {
    const refs = Array.from(
      { length: 1_200 },
      (_, i) => `component:default/c-${i}`,
    );
    const { reads, visibility } = setup(AuthorizeResult.CONDITIONAL, refs);
    expect((await visibility.readableRefs(refs, jane)).size).toBe(1_200);
    expect(reads.map(read => read.refs.length)).toEqual([500, 500, 200]);
  });

  it('when the policy allows every catalog read, reads only existence, with its own credentials, and remembers it for a while', async () => {
    const { clock, entities, reads, state, visibility } = setup(
      AuthorizeResult.ALLOW,
      ['component:default/a'],
    );
    const ref = 'component:default/a';
    await visibility.assertReadable(ref, jane, 'nope');
    expect(reads).toEqual([
      {
        refs: [ref],
        principal: { type: 'service', subject: 'plugin:stewardship' },
      },
    ]);

    clock.now += EXISTENCE_TTL_MS - 1;
    await visibility.assertReadable(ref, jane, 'nope');
    expect(reads).toHaveLength(1);

    // Who may read is never remembered: the policy is asked every time.
    state.result = AuthorizeResult.DENY;
    await expect(visibility.assertReadable(ref, jane, 'nope')).rejects.toThrow(
      'nope',
    );
    expect(state.asked).toBe(3);
    state.result = AuthorizeResult.ALLOW;

    // After the TTL the catalog is asked again: a removed entity is gone.
    entities.delete(ref);
    clock.now += 1;
    await expect(visibility.assertReadable(ref, jane, 'nope')).rejects.toThrow(
      'nope',
    );
    expect(reads).toHaveLength(2);
  });

  it('does not remember absence: an entity is readable as soon as the catalog has it', async () => {
    const { entities, reads, visibility } = setup(AuthorizeResult.ALLOW, []);
    const ref = 'component:default/new';
    expect(await visibility.readableRefs([ref], jane)).toEqual(new Set());
    entities.add(ref);
    expect(await visibility.readableRefs([ref], jane)).toEqual(new Set([ref]));
    expect(reads).toHaveLength(2);
  });

  it('reads only the refs it does not know', async () => {
    const { reads, visibility } = setup(AuthorizeResult.ALLOW, [
      'component:default/a',
      'component:default/b',
    ]);
    await visibility.readableRefs(['component:default/a'], jane);
    expect(
      await visibility.readableRefs(
        ['component:default/a', 'component:default/b', 'component:default/x'],
        jane,
      ),
    ).toEqual(new Set(['component:default/a', 'component:default/b']));
    expect(reads.map(read => read.refs)).toEqual([
      ['component:default/a'],
      ['component:default/b', 'component:default/x'],
    ]);
  });

  it('forgets the oldest answers beyond 20,000 entities', async () => {
    const refs = Array.from(
      { length: 20_001 },
      (_, i) => `component:default/c-${i}`,
    );
    const { reads, visibility } = setup(AuthorizeResult.ALLOW, refs);
    await visibility.readableRefs(refs, jane);
    const before = reads.length;
    await visibility.readableRefs(refs.slice(1), jane);
    expect(reads).toHaveLength(before);
    await visibility.readableRefs([refs[0]], jane);
    expect(reads).toHaveLength(before + 1);
  });

  it('lets services see every entity that exists, whatever their access restrictions', async () => {
    const { reads, state, visibility } = setup(AuthorizeResult.DENY, [
      'component:default/a',
    ]);
    // A static token restricted to recording incidents, as docs/permissions.md configures it.
    const incidentBot = mockCredentials.service('external:incident-bot', {
      permissionNames: ['stewardship.incident.create'],
    });
    expect(
      await visibility.readableRefs(
        ['component:default/a', 'component:default/b'],
        incidentBot,
      ),
    ).toEqual(new Set(['component:default/a']));
    expect(state.asked).toBe(0);
    expect(reads[0].principal).toEqual({
      type: 'service',
      subject: 'plugin:stewardship',
    });
  });

  describe('catalogView: whose view of the whole catalog serves the caller', () => {
    it('is one shared view, read with its own identity, for everyone allowed to read it all', async () => {
      const { visibility } = setup(AuthorizeResult.ALLOW, []);
      const own = { type: 'service', subject: 'plugin:stewardship' };
      for (const credentials of [
        jane,
        mockCredentials.user('user:default/bob'),
        mockCredentials.service('external:pipeline', {
          permissionNames: ['stewardship.incident.create'],
        }),
      ]) {
        const view = await visibility.catalogView(credentials);
        expect(view?.key).toBe('everything');
        expect(view?.credentials.principal).toEqual(own);
      }
    });

    it('is the user’s own, read with their credentials, under conditions', async () => {
      const { visibility } = setup(AuthorizeResult.CONDITIONAL, []);
      expect(await visibility.catalogView(jane)).toEqual({
        key: 'user:default/jane',
        credentials: jane,
      });
    });

    it('is none when the policy denies catalog reads', async () => {
      const { visibility } = setup(AuthorizeResult.DENY, []);
      expect(await visibility.catalogView(jane)).toBeUndefined();
    });
  });
});
