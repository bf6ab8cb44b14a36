/*
 * A standalone backend for working on this plugin: `yarn start` in this package serves
 * /api/stewardship on :7007 with mocked auth (no token needed) and the demo catalog from
 * examples/ loaded into an in-memory catalog mock.
 *
 *   curl http://localhost:7007/api/stewardship/ownership/scorecard?groupBy=system
 *   curl http://localhost:7007/api/stewardship/entities/component/default/legacy-billing/ownership
 */
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';

const examples = path.resolve(__dirname, '../../../examples');
const entities = ['org.yaml', 'entities.yaml'].flatMap(file =>
  parseAllDocuments(fs.readFileSync(path.join(examples, file), 'utf8'))
    .map(doc => doc.toJS() as Entity)
    .filter(Boolean),
);

// The mock does not run catalog processors; add the membership relations they would emit.
for (const userEntity of entities.filter(e => e.kind === 'User')) {
  const userRef = `user:default/${userEntity.metadata.name}`;
  for (const groupName of (userEntity.spec?.memberOf as string[]) ?? []) {
    const groupRef = groupName.includes(':')
      ? groupName
      : `group:default/${groupName}`;
    userEntity.relations = [
      ...(userEntity.relations ?? []),
      { type: 'memberOf', targetRef: groupRef },
    ];
    const groupEntity = entities.find(
      e =>
        e.kind === 'Group' && `group:default/${e.metadata.name}` === groupRef,
    );
    if (groupEntity) {
      groupEntity.relations = [
        ...(groupEntity.relations ?? []),
        { type: 'hasMember', targetRef: userRef },
      ];
    }
  }
}

const backend = createBackend();
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(catalogServiceMock.factory({ entities }));
backend.add(import('../src'));
backend.start();
