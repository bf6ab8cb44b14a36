import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { component } from '../__testUtils__/entities';
import { catalogOnBehalfOf } from './catalogOnBehalfOf';

describe('catalogOnBehalfOf', () => {
  const own = mockCredentials.service('plugin:stewardship');

  function setup() {
    const inner = catalogServiceMock.mock({
      getEntityByRef: jest.fn(async () => component('checkout')),
      getEntitiesByRefs: jest.fn(async () => ({ items: [] })),
      streamEntities: jest.fn(async function* stream() {
        yield [component('checkout')];
      }),
    });
    return { inner, catalog: catalogOnBehalfOf(inner, own) };
  }

  it('passes a user’s credentials on, so the catalog applies its policy to them', async () => {
    const { inner, catalog } = setup();
    const jane = mockCredentials.user('user:default/jane');
    await catalog.getEntityByRef('component:default/checkout', {
      credentials: jane,
    });
    expect(inner.getEntityByRef).toHaveBeenCalledWith(
      'component:default/checkout',
      { credentials: jane },
    );
  });

  it('reads with its own identity for a service, whatever its access restrictions', async () => {
    const { inner, catalog } = setup();
    const pipeline = mockCredentials.service('external:deploy-pipeline', {
      permissionNames: ['stewardship.incident.create'],
    });
    await catalog.getEntitiesByRefs(
      { entityRefs: ['component:default/checkout'], fields: ['kind'] },
      { credentials: pipeline },
    );
    expect(inner.getEntitiesByRefs).toHaveBeenCalledWith(
      { entityRefs: ['component:default/checkout'], fields: ['kind'] },
      { credentials: own },
    );

    const pages = [];
    for await (const page of catalog.streamEntities(
      { filter: { kind: 'component' } },
      { credentials: pipeline },
    )) {
      pages.push(page);
    }
    expect(pages).toEqual([[component('checkout')]]);
    expect(inner.streamEntities).toHaveBeenCalledWith(
      { filter: { kind: 'component' } },
      { credentials: own },
    );
  });
});
