/*
 * An import whose SLO is named as one its entity already has is a 409 naming the document and
 * the path of the name, and a preview (`dryRun`) answers that same 409: before, the preview said
 * 200 for a file the import then refused.
 */
import { TestDatabaseId, mockCredentials } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import { sloServiceForTest } from '../__testUtils__/sloService';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { SloService } from './SloService';

const databases = createTestDatabases();
const credentials = mockCredentials.user('user:default/jane');

const sloth = (...names: string[]) =>
  `version: prometheus/v1
service: checkout
slos:
${names
  .map(
    name => `  - name: ${name}
    objective: 99.9
    sli:
      events:
        error_query: errors_total
        total_query: requests_total
`,
  )
  .join('')}`;

describe.each(databases.eachSupportedId())(
  'SloService import of a name already taken on %p',
  databaseId => {
    let service: SloService;

    beforeAll(async () => {
      const store = await DatabaseSloStore.forTest(
        await databases.init(databaseId as TestDatabaseId),
      );
      service = sloServiceForTest(store);
      await service.import(sloth('taken'), { dryRun: false }, credentials);
    }, 60_000);

    it.each([true, false])(
      'is a 409 naming the document and path (dryRun %s)',
      async dryRun => {
        const error = await service
          .import(
            `${sloth('free')}---\n${sloth('new', 'taken')}`,
            { dryRun },
            credentials,
          )
          .then(
            () => new Error('expected a rejection'),
            (e: Error) => e,
          );
        expect(error).toBeInstanceOf(ConflictError);
        expect(error.message).toMatch(
          /^SLO names already taken:\ndocument 2: slos\[1\]\.name: component:default\/checkout already has an SLO named "taken" \(id [0-9a-f-]+\)\. Choose another name\.$/,
        );
        const { items } = await service.list(
          { offset: 0, limit: 50 },
          credentials,
        );
        expect(items.map(slo => slo.name)).toEqual(['taken']);
      },
    );

    it('previews a file whose names are free', async () => {
      const preview = await service.import(
        sloth('free'),
        { dryRun: true },
        credentials,
      );
      expect(preview.map(slo => slo.name)).toEqual(['free']);
    });
  },
);
