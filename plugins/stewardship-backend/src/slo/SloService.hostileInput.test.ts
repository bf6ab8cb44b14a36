/*
 * Hostile input through SloService on a real store (every test database), as the routes call it:
 * YAML that used to throw past the import's error path (a 500) is an InputError (a 400) naming
 * the document and the limit; inputs just under each limit are imported and stored; control
 * characters are rejected before anything is written; the export of what is stored reads back.
 */
import { TestDatabaseId, mockCredentials } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { SloSpec } from '@stewardship/backstage-plugin-stewardship-common';
import { parseDocument } from 'yaml';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import { sloServiceForTest } from '../__testUtils__/sloService';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { IMPORT_LIMITS } from './interchange';
import { SloService } from './SloService';

const databases = createTestDatabases();
const credentials = mockCredentials.user('user:default/jane');

/** A valid OpenSLO SLO document for checkout; `extra` lines go at its top level. */
function sloDocument(name: string, extra = ''): string {
  return `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
spec:
  service: checkout
  indicator:
    metadata: { name: ${name}-sli }
    spec:
      ratioMetric:
        counter: true
        good: { metricSource: { metricSourceRef: prom, spec: { query: 'ok_total{job="api"}' } } }
        total: { metricSource: { metricSourceRef: prom, spec: { query: 'all_total{job="api"}' } } }
  timeWindow: [{ duration: 28d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.995 }]
${extra}`;
}

const aliases = (uses: number) =>
  `xAnchor: &a 1\nxUses: [${Array(uses).fill('*a').join(', ')}]\n`;
const nested = (depth: number) =>
  // The document's top-level mapping is the first level.
  `xNested: ${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}\n`;

describe.each(databases.eachSupportedId())(
  'SloService with hostile input on %p',
  databaseId => {
    let store: DatabaseSloStore;
    let service: SloService;

    beforeAll(async () => {
      store = await DatabaseSloStore.forTest(
        await databases.init(databaseId as TestDatabaseId),
      );
      // Nothing here evaluates: its metric source must not be asked.
      service = sloServiceForTest(store);
    }, 60_000);

    const stored = async () =>
      (await service.list({ offset: 0, limit: 500 }, mockCredentials.user()))
        .totalCount;

    async function rejection(run: () => Promise<unknown>): Promise<Error> {
      const before = await stored();
      const error = await run().then(
        () => new Error('expected a rejection'),
        (e: Error) => e,
      );
      expect(error).toBeInstanceOf(InputError);
      expect(await stored()).toBe(before);
      return error;
    }

    const importYaml = (yaml: string) =>
      service.import(yaml, { dryRun: false }, credentials);

    it.each([
      [
        'an unknown alias',
        'a: *nope\n',
        /document 2: \(root\): YAML alias error: .*nope/,
      ],
      [
        `${IMPORT_LIMITS.aliasesPerDocument + 1} alias uses`,
        aliases(IMPORT_LIMITS.aliasesPerDocument + 1),
        new RegExp(
          `document 2: \\(root\\): More than ${IMPORT_LIMITS.aliasesPerDocument} aliases`,
        ),
      ],
      [
        `${IMPORT_LIMITS.depth + 1} levels of nesting`,
        nested(IMPORT_LIMITS.depth + 1),
        new RegExp(
          `document 2: \\(root\\): Nested more than ${IMPORT_LIMITS.depth} collections`,
        ),
      ],
      [
        'a merge key',
        'xBase: &b {y: 1}\nxMerged: {<<: *b}\n',
        /document 2: xMerged: Merge keys/,
      ],
      [
        'a !!binary value',
        'xData: !!binary aGVsbG8=\n',
        /document 2: xData: Unsupported tag/,
      ],
      [
        'a duplicate key',
        'kind: SLO\n',
        /document 2: kind: Duplicate key "kind"/,
      ],
    ])(
      // The second document: "document 2", as messages count from 1.
      'rejects %s in the second document as a 400',
      async (_, extra, message) => {
        const yaml = `${sloDocument('first')}---\n${sloDocument(
          'second',
          extra,
        )}`;
        const error = await rejection(() => importYaml(yaml));
        expect(error.message).toMatch(message);
      },
    );

    it(`rejects ${
      IMPORT_LIMITS.documents + 1
    } documents, naming the limit`, async () => {
      const yaml = Array.from({ length: IMPORT_LIMITS.documents + 1 }, (_, i) =>
        sloDocument(`many-${i}`),
      ).join('---\n');
      const error = await rejection(() => importYaml(yaml));
      // The first document over the limit is number limit + 1 (201 of 200), counted from 1.
      expect(error.message).toContain(
        `document ${IMPORT_LIMITS.documents + 1}: (root): More than ${
          IMPORT_LIMITS.documents
        } documents`,
      );
    }, 60_000);

    it(`imports ${IMPORT_LIMITS.documents} documents and stores every SLO`, async () => {
      const before = await stored();
      const yaml = Array.from({ length: IMPORT_LIMITS.documents }, (_, i) =>
        sloDocument(`many-${i}`),
      ).join('---\n');
      const created = await importYaml(yaml);
      expect(created).toHaveLength(IMPORT_LIMITS.documents);
      expect(await stored()).toBe(before + IMPORT_LIMITS.documents);
    }, 60_000);

    it('imports a document at the alias and depth limits', async () => {
      const yaml = sloDocument(
        'at-the-limits',
        `${aliases(IMPORT_LIMITS.aliasesPerDocument)}${nested(
          IMPORT_LIMITS.depth,
        )}`,
      );
      // What the YAML library reads is what the limits are about.
      const read = parseDocument(yaml).toJS({ maxAliasCount: -1 });
      expect(read.xUses).toHaveLength(IMPORT_LIMITS.aliasesPerDocument);
      const [created] = (await importYaml(yaml)) as Array<{ id: string }>;
      expect(await service.get(created.id)).toMatchObject({
        name: 'at-the-limits',
        entityRef: 'component:default/checkout',
      });
    });

    const body = {
      entityRef: 'checkout',
      name: 'controls',
      description: 'fine',
      sli: { type: 'ratio', good: 'ok_total', total: 'all_total' },
      objective: 0.99,
      timeWindow: { type: 'rolling', duration: '30d' },
      metricSource: 'prom',
      labels: { tier: 'gold' },
    };

    let named = 0;
    it.each([
      ['description', { description: 'a\u0085b' }],
      ['sli.good', { sli: { ...body.sli, good: 'ok\u009b_total' } }],
      ['labels.tier', { labels: { tier: 'go\u0001ld' } }],
      ['labels["ti\\u0080er"]', { labels: { 'ti\u0080er': 'gold' } }],
      ['metricSource', { metricSource: 'pr\u007fom' }],
    ])(
      'rejects a control character in %s on create and update',
      async (path, changes) => {
        const createError = await rejection(() =>
          service.create({ ...body, ...changes }, credentials),
        );
        expect(createError.message).toContain(`${path}: `);
        expect(createError.message).toMatch(
          /Contains the control character U\+00[0-9A-F]{2}/,
        );

        const slo = await service.create(
          { ...body, name: `controls-${(named += 1)}` },
          credentials,
        );
        const updateError = await rejection(() =>
          service.update(
            slo.id,
            { ...body, ...changes, name: slo.name, version: slo.version },
            credentials,
          ),
        );
        expect(updateError.message).toBe(createError.message);
        expect(await service.get(slo.id)).toEqual(slo);
      },
    );

    it('exports a stored SLO with unicode text as YAML that imports to the same spec', async () => {
      const created = await service.create(
        {
          ...body,
          name: 'unicode',
          description: 'Zürich, 東京 — “quotes”, 🚀\nsecond line',
          sli: {
            type: 'ratio',
            good: 'ok_total{city="Zürich"}',
            total: 'all_total{city="Zürich"}',
          },
          labels: { équipe: 'paiements €', 地域: '東京' },
        },
        credentials,
      );
      const text = await service.exportOpenSlo(
        created.id,
        mockCredentials.user(),
      );
      const document = parseDocument(text, { strict: true });
      expect([...document.errors, ...document.warnings]).toEqual([]);
      // While the SLO exists its name is taken (a 409, previews too): import the export after.
      await service.delete(created.id, credentials);
      const dryRun = (await service.import(
        text,
        { dryRun: true },
        credentials,
      )) as SloSpec[];
      const { id, version, createdAt, updatedAt, ...spec } = created;
      expect(dryRun).toEqual([spec]);
    });

    it('exports an SLO stored with control characters before they were rejected', async () => {
      const legacy = await store.createSlo(
        {
          ...(body as unknown as SloSpec),
          entityRef: 'component:default/checkout',
          name: 'legacy',
          description: 'a\u0085b\u0080c\u009fd\u007fe',
          labels: { 'ti\u0085er': 'go\u0090ld' },
          budgetingMethod: 'occurrences',
          alertPolicies: [],
        },
        'user:default/jane',
      );
      const text = await service.exportOpenSlo(
        legacy.id,
        mockCredentials.user(),
      );
      // eslint-disable-next-line no-control-regex -- none may be left
      expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      const document = parseDocument(text, { strict: true });
      expect([...document.errors, ...document.warnings]).toEqual([]);
      expect(document.toJS()).toMatchObject({
        metadata: { labels: { 'ti\u0085er': 'go\u0090ld' } },
        spec: { description: 'a\u0085b\u0080c\u009fd\u007fe' },
      });
    });
  },
);
