/*
 * BacklogService on its own, with providers written in the test: the cache expires after its TTL
 * and never outlives the caller's read access, a provider that ignores its signal is still cut off
 * at the deadline, a provider's plain Error is shown under its title, and a provider whose
 * appliesTo throws is left out.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  BacklogFigures,
  BacklogReadFailure,
} from '@stewardship/backstage-plugin-stewardship-common';
import {
  BacklogProvider,
  BacklogProviderError,
} from '@stewardship/backstage-plugin-stewardship-node';
import { component } from '../__testUtils__/entities';
import { recordingLogger } from '../__testUtils__/recordingLogger';
import { BacklogService } from './BacklogService';
import { readBacklogSettings } from './BacklogSettings';

const REF = 'component:default/checkout';
const catalog = catalogServiceMock({ entities: [component('checkout')] });
const credentials = mockCredentials.user('user:default/jane');

/** An open task of a module's provider, created at `createdAt` as the provider wrote it. */
const datedItem = (key: string, createdAt: string) => ({
  id: `test:${key}`,
  key,
  title: key,
  type: 'Task',
  labels: [],
  priority: 'High',
  createdAt,
  status: 'To Do',
});

function counting(read: BacklogProvider['readItems']) {
  const provider = {
    id: 'test',
    title: 'Test tracker',
    calls: 0,
    appliesTo: () => true,
    readItems: (request: Parameters<BacklogProvider['readItems']>[0]) => {
      provider.calls += 1;
      return read(request);
    },
  };
  return provider;
}

const service = (
  providers: BacklogProvider[],
  config: object = {},
  now = () => new Date(),
) =>
  new BacklogService({
    catalog,
    providers,
    settings: readBacklogSettings(
      new ConfigReader({ stewardship: { backlog: config } }),
    ),
    now,
  });

describe('BacklogService', () => {
  it('reuses an answer for cacheTtl, then reads again', async () => {
    let clock = new Date('2026-06-01T00:00:00Z').getTime();
    const provider = counting(async () => ({ items: [] }));
    const backlog = service(
      [provider],
      { cacheTtl: '60s' },
      () => new Date(clock),
    );
    await backlog.read(REF, credentials);
    clock += 59_000;
    await backlog.read(REF, credentials);
    expect(provider.calls).toBe(1);
    clock += 2_000; // 61 s after the first read
    await backlog.read(REF, credentials);
    expect(provider.calls).toBe(2);
  });

  it('reads every time with cacheTtl 0s', async () => {
    const provider = counting(async () => ({ items: [] }));
    const backlog = service([provider], { cacheTtl: '0s' });
    await backlog.read(REF, credentials);
    await backlog.read(REF, credentials);
    expect(provider.calls).toBe(2);
  });

  it('asks the catalog on every read, so a caller who lost read access gets no cached answer', async () => {
    // The catalog answers as a policy would: jane is refused the entity once hiddenFromJane is set.
    let hiddenFromJane = false;
    const hidingCatalog = {
      getEntityByRef: async (
        ref: string,
        options: { credentials: typeof credentials },
      ) =>
        hiddenFromJane &&
        options.credentials.principal.userEntityRef === 'user:default/jane'
          ? undefined
          : catalog.getEntityByRef(ref, options),
    } as unknown as CatalogService;
    const provider = counting(async () => ({
      items: [
        {
          id: '1',
          key: 'SEC-1',
          title: 'A secret item',
          type: 'Bug',
          labels: [],
          status: 'Open',
          createdAt: '2026-05-01T00:00:00Z',
        },
      ],
    }));
    const backlog = new BacklogService({
      catalog: hidingCatalog,
      providers: [provider],
      settings: readBacklogSettings(
        new ConfigReader({ stewardship: { backlog: { cacheTtl: '60s' } } }),
      ),
    });
    const sam = mockCredentials.user('user:default/sam');
    expect((await backlog.read(REF, credentials)).items).toHaveLength(1);
    expect((await backlog.read(REF, sam)).items).toHaveLength(1);

    hiddenFromJane = true;
    const refused = backlog.read(REF, credentials);
    await expect(refused).rejects.toThrow(NotFoundError);
    await expect(refused).rejects.toThrow(`No entity ${REF}`);
    // Others keep the cached answer: the trackers were asked once per caller.
    expect((await backlog.read(REF, sam)).items).toHaveLength(1);
    expect(provider.calls).toBe(2);

    // Access given back within the TTL: the cached answer again, no tracker read.
    hiddenFromJane = false;
    expect((await backlog.read(REF, credentials)).items).toHaveLength(1);
    expect(provider.calls).toBe(2);
  });

  it('cuts off a provider that ignores its signal at the deadline', async () => {
    const stuck = counting(() => new Promise(() => {}));
    const started = Date.now();
    const { providers } = await service([stuck], {
      timeout: { milliseconds: 300 },
    }).read(REF, credentials);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(providers).toEqual([
      expect.objectContaining({
        status: 'error',
        message: 'Test tracker: no answer within 0.3 s',
        kind: 'unreachable',
      }),
    ]);
  });

  it("copies the error's kind and wait into the state, with how long the answer is reused", async () => {
    const limited = counting(async () => {
      throw new BacklogProviderError(
        'Test tracker: rate limited, retry after 30 s',
        {
          kind: 'rate-limited',
          retryAfterSeconds: 30,
        },
      );
    });
    const { providers } = await service([limited], {
      cacheTtl: { seconds: 90 },
    }).read(REF, credentials);
    expect(providers).toEqual([
      {
        provider: 'test',
        title: 'Test tracker',
        status: 'error',
        message: 'Test tracker: rate limited, retry after 30 s',
        kind: 'rate-limited',
        retryAfterSeconds: 30,
        cachedForSeconds: 90,
        itemCount: 0,
        readAt: expect.any(String),
      },
    ]);
  });

  it('says no kind for an error without one, or with one the answer does not know, and no cache when off', async () => {
    const plain = counting(async () => {
      throw new BacklogProviderError('Test tracker: odd');
    });
    const unknown = {
      ...counting(async () => {
        throw new BacklogProviderError('Other: odd', {
          kind: 'gremlins' as never,
        });
      }),
      id: 'other',
    };
    const { providers } = await service([plain, unknown], {
      cacheTtl: '0s',
    }).read(REF, credentials);
    for (const state of providers) {
      expect(state.status).toBe('error');
      expect(state).not.toHaveProperty('kind');
      expect(state).not.toHaveProperty('cachedForSeconds');
    }
  });

  it('calls a provider past the deadline unreachable whatever it threw on being aborted', async () => {
    const aborting = counting(
      request =>
        new Promise((_, reject) =>
          request.signal.addEventListener('abort', () =>
            reject(
              new BacklogProviderError('Test tracker: token rejected', {
                kind: 'rejected',
              }),
            ),
          ),
        ),
    );
    const { providers } = await service([aborting], {
      timeout: { milliseconds: 100 },
    }).read(REF, credentials);
    expect(providers).toEqual([
      expect.objectContaining({
        message: 'Test tracker: no answer within 0.1 s',
        kind: 'unreachable',
      }),
    ]);
  });

  it("shows a provider's plain Error under its title, and skips one whose appliesTo throws", async () => {
    const failing = counting(async () => {
      throw new TypeError('fetch failed');
    });
    const broken: BacklogProvider = {
      id: 'broken',
      title: 'Broken',
      appliesTo: () => {
        throw new Error('bad annotation');
      },
      readItems: async () => ({ items: [] }),
    };
    const { providers } = await service([failing, broken]).read(
      REF,
      credentials,
    );
    expect(providers).toEqual([
      expect.objectContaining({
        provider: 'test',
        status: 'error',
        message: 'Test tracker: fetch failed',
        itemCount: 0,
      }),
    ]);
    expect(providers[0]).not.toHaveProperty('kind');
  });

  it('logs one warn line per failed provider, with its id and error, and none for the others', async () => {
    const { logger, lines } = recordingLogger();
    const jira = {
      id: 'jira',
      title: 'Jira',
      appliesTo: () => true,
      readItems: async () => {
        throw new BacklogProviderError('Jira: token rejected (HTTP 401)');
      },
    };
    const github = {
      ...counting(async () => ({
        items: [1, 2, 3].map(n => ({
          id: `github:${n}`,
          key: `#${n}`,
          title: `Issue ${n}`,
          type: 'bug',
          status: 'open',
          labels: [],
          createdAt: '2026-05-01T00:00:00Z',
        })),
      })),
      id: 'github',
      title: 'GitHub',
    };
    const backlog = new BacklogService({
      catalog,
      providers: [jira, github],
      settings: readBacklogSettings(
        new ConfigReader({ stewardship: { backlog: { cacheTtl: '60s' } } }),
      ),
      logger,
    });
    const answer = await backlog.read(REF, credentials);
    expect(answer.providers.map(p => p.status)).toEqual(['error', 'ok']);
    expect(answer.items).toHaveLength(3);
    // A cached answer is not logged again.
    await backlog.read(REF, credentials);
    expect(lines).toEqual([
      {
        level: 'warn',
        message:
          'Backlog provider "jira" failed for component:default/checkout: Jira: token rejected (HTTP 401)',
      },
    ]);
  });

  it('leaves out items whose creation date is not a date, and counts them in the state', async () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const provider = counting(async () => ({
      items: [
        datedItem('A-1', ''),
        datedItem('A-2', 'not a date'),
        datedItem('A-3', '2025-11-13T00:00:00Z'), // 200 days before `now`
      ],
    }));
    const { items, figures, providers } = await service(
      [provider],
      {},
      () => now,
    ).read(REF, credentials);
    expect(items.map(i => i.key)).toEqual(['A-3']);
    expect(providers).toEqual([
      expect.objectContaining({ status: 'ok', itemCount: 1, undated: 2 }),
    ]);
    // Counted as 0 days old, the two would have made the average 200 / 3 = 66.7 days and put
    // two items in the youngest bucket.
    expect(figures.top.averageAgeDays).toBe(200);
    expect(figures.all.count).toBe(1);
    expect(figures.all.ageHistogram[0].count).toBe(0);
  });

  it('reads a creation date-time without an offset as UTC, whatever the server zone, and passes every date on as a UTC instant', async () => {
    // The tests run in America/St_Johns (UTC−03:30): read in the server's zone, the first item
    // would be 3.5 h younger here than in a browser in UTC.
    const now = new Date('2026-12-01T00:00:00Z');
    const provider = counting(async () => ({
      items: [
        datedItem('A-1', '2026-06-04T00:00:00'),
        datedItem('A-2', '2026-06-04T02:00:00+02:00'),
        datedItem('A-3', 'Thu, 04 Jun 2026 00:00:00 GMT'),
        datedItem('A-4', '2026-06-04'),
        datedItem('A-5', '2026-06-04 00:00:00'),
        // A time without a date is no date (luxon alone would read it as today's).
        datedItem('A-6', '09:24'),
      ],
    }));
    const { items, figures } = await service([provider], {}, () => now).read(
      REF,
      credentials,
    );
    expect(items.map(i => [i.key, i.createdAt])).toEqual([
      ['A-1', '2026-06-04T00:00:00.000Z'],
      ['A-2', '2026-06-04T00:00:00.000Z'],
      ['A-3', '2026-06-04T00:00:00.000Z'],
      ['A-4', '2026-06-04T00:00:00.000Z'],
      ['A-5', '2026-06-04T00:00:00.000Z'],
    ]);
    const days = (now.getTime() - Date.UTC(2026, 5, 4)) / 86_400_000;
    expect(days).toBe(180);
    expect(figures.top.averageAgeDays).toBe(days);
    expect(figures.all.olderThan180Days).toBe(0);
  });

  it('leaves out a creation date that is no real moment, or read in the server zone', async () => {
    const provider = counting(async () => ({
      items: [
        // Date.parse reads 30 February as 2 March, a bare number as a year, and the
        // others in the server's zone.
        datedItem('A-1', '2026-02-30T00:00:00Z'),
        datedItem('A-2', '1'),
        datedItem('A-3', 'May 1, 2026'),
        datedItem('A-4', '2026/05/01 10:00'),
        datedItem('A-5', 'Sat, 02 May 2026 00:00:00 GMT'), // 2 May 2026 is a Saturday
        datedItem('A-6', 'Fri, 01 May 2026 00:00:00 GMT'),
      ],
    }));
    const { items, providers } = await service([provider]).read(
      REF,
      credentials,
    );
    expect(items.map(i => [i.key, i.createdAt])).toEqual([
      ['A-5', '2026-05-02T00:00:00.000Z'],
      ['A-6', '2026-05-01T00:00:00.000Z'],
    ]);
    expect(providers).toEqual([
      expect.objectContaining({ itemCount: 2, undated: 4 }),
    ]);
  });

  it('lists an item a provider repeats once, where it came first, and counts it once', async () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const item = (key: string, title = key) => ({
      id: `test:${key}`,
      key,
      title,
      type: 'Task',
      labels: [],
      priority: 'High',
      createdAt: '2026-05-01T00:00:00Z',
      status: 'To Do',
    });
    const provider = counting(async () => ({
      items: [item('A-1'), item('A-2'), item('A-2', 'A-2 again'), item('A-3')],
    }));
    const { items, figures, providers } = await service(
      [provider],
      { maxItems: 3 },
      () => now,
    ).read(REF, credentials);
    // The repeat takes no place of maxItems either.
    expect(items.map(i => [i.id, i.title, i.rank])).toEqual([
      ['test:A-1', 'A-1', 1],
      ['test:A-2', 'A-2', 2],
      ['test:A-3', 'A-3', 3],
    ]);
    expect(figures.all.count).toBe(3);
    expect(figures.top.count).toBe(3);
    expect(providers).toEqual([
      expect.objectContaining({ status: 'ok', itemCount: 3 }),
    ]);
  });

  it("leaves out an item whose id another provider listed first, and ranks and counts the second's items without it", async () => {
    const item = (id: string) => ({
      id,
      key: id,
      title: id,
      type: 'Task',
      labels: [],
      priority: 'High',
      createdAt: '2026-05-01T00:00:00Z',
      status: 'To Do',
    });
    const first = counting(async () => ({ items: [item('jira:PAY-1')] }));
    const second = {
      ...counting(async () => ({
        items: [item('jira:PAY-1'), item('mod:2')],
      })),
      id: 'mod',
      title: 'Module',
    };
    const { items, figures, providers } = await service([first, second]).read(
      REF,
      credentials,
    );
    expect(items.map(i => [i.id, i.provider, i.rank])).toEqual([
      ['jira:PAY-1', 'test', 1],
      ['mod:2', 'mod', 1],
    ]);
    expect(figures.all.count).toBe(2);
    expect(providers.map(p => [p.provider, p.itemCount])).toEqual([
      ['test', 1],
      ['mod', 1],
    ]);
  });

  it('keeps an item whose link is not an http(s) address, without the link', async () => {
    const links = [
      'https://tracker.example.com/browse/A-1',
      // eslint-disable-next-line no-script-url -- refusing it is the point
      'javascript:alert(document.cookie)',
      'data:text/html,<script>alert(1)</script>',
      '//evil.example/x',
      'https://tracker.example.com@evil.example/',
    ];
    const provider = counting(async () => ({
      items: links.map((link, index) => ({
        id: `test:A-${index + 1}`,
        key: `A-${index + 1}`,
        title: `Item ${index + 1}`,
        type: 'Task',
        labels: [],
        createdAt: '2026-01-01T00:00:00Z',
        status: 'To Do',
        link,
      })),
    }));
    const { items } = await service([provider]).read(REF, credentials);
    expect(items.map(i => [i.key, i.link])).toEqual([
      ['A-1', 'https://tracker.example.com/browse/A-1'],
      ['A-2', undefined],
      ['A-3', undefined],
      ['A-4', undefined],
      ['A-5', undefined],
    ]);
    expect(items.filter(i => 'link' in i)).toHaveLength(1);
  });

  it('refuses invalid settings at startup, naming the key', () => {
    expect(() =>
      readBacklogSettings(
        new ConfigReader({ stewardship: { backlog: { topN: 0 } } }),
      ),
    ).toThrow('stewardship.backlog.topN must be a positive integer, got 0');
  });
});

describe('BacklogService figures store', () => {
  it('keeps complete figures for the planning review, never a partial answer', async () => {
    const saved: Array<[string, number]> = [];
    const failures: Array<[string, BacklogReadFailure]> = [];
    const figuresStore = {
      saveBacklogFigures: async (ref: string, figures: BacklogFigures) => {
        saved.push([ref, figures.all.count]);
      },
      saveBacklogReadFailure: async (
        ref: string,
        failure: BacklogReadFailure,
      ) => {
        failures.push([ref, failure]);
      },
    };
    const ok = counting(async () => ({
      items: [
        {
          id: 'A-1',
          key: 'A-1',
          title: 'Retry the payment call',
          type: 'task',
          status: 'To Do',
          createdAt: '2026-05-01T00:00:00Z',
          priority: 'high',
          labels: ['reliability'],
        },
      ],
    }));
    const failing = counting(async () => {
      throw new Error('tracker down');
    });
    const make = (providers: BacklogProvider[]) =>
      new BacklogService({
        catalog,
        providers,
        settings: readBacklogSettings(
          new ConfigReader({ stewardship: { backlog: { cacheTtl: '0s' } } }),
        ),
        figuresStore,
        now: () => new Date('2026-12-05T10:00:00.000Z'),
      });
    await make([ok]).read(REF, credentials);
    expect(saved).toEqual([[REF, 1]]);
    expect(failures).toEqual([]);
    // A tracker that cannot be reached (its kind said) and one that fails without a kind.
    const unreachable = counting(async () => {
      throw new BacklogProviderError('Jira: connection refused', {
        kind: 'unreachable',
      });
    });
    await make([
      ok,
      { ...unreachable, id: 'jira', title: 'Jira' },
      { ...failing, id: 'down', title: 'Down' },
    ]).read(REF, credentials);
    // No partial figures; the failed read is kept instead: when, which providers, what kind.
    expect(saved).toEqual([[REF, 1]]);
    expect(failures).toEqual([
      [
        REF,
        {
          at: '2026-12-05T10:00:00.000Z',
          providers: [
            { provider: 'jira', title: 'Jira', kind: 'unreachable' },
            { provider: 'down', title: 'Down' },
          ],
        },
      ],
    ]);
  });
});
