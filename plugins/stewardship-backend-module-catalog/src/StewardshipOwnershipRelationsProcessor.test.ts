import { Entity, KubernetesValidatorFunctions } from '@backstage/catalog-model';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { StewardshipOwnershipRelationsProcessor } from './StewardshipOwnershipRelationsProcessor';

// Written out by hand rather than imported, so a renamed constant cannot pass unnoticed.
const BUSINESS = 'stewardship.io/business-owner';
const PRODUCT = 'stewardship.io/product-owner';
const ENGINEERING = 'stewardship.io/engineering-owner';

const location = {
  type: 'url',
  target: 'https://example.com/catalog-info.yaml',
};

function component(annotations?: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'Checkout', namespace: 'shop', annotations },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:shop/team-a',
    },
  };
}

async function process(entity: Entity) {
  const emitted: CatalogProcessorResult[] = [];
  const before = JSON.parse(JSON.stringify(entity));
  const result =
    await new StewardshipOwnershipRelationsProcessor().postProcessEntity(
      entity,
      location,
      r => emitted.push(r),
    );
  // The entity itself is never changed: relations are side output only.
  expect(result).toEqual(before);
  expect(entity).toEqual(before);
  return emitted;
}

const self = { kind: 'Component', namespace: 'shop', name: 'Checkout' };

describe('StewardshipOwnershipRelationsProcessor', () => {
  it.each([
    [
      'user:default/jane.doe',
      { kind: 'user', namespace: 'default', name: 'jane.doe' },
    ],
    [
      'User:Default/Jane.Doe',
      { kind: 'user', namespace: 'default', name: 'jane.doe' },
    ],
    [
      '  user:jane.doe ',
      { kind: 'user', namespace: 'default', name: 'jane.doe' },
    ],
    // The namespace is `default` when left out, as on the Ownership tab, not the entity's own.
    [
      'group:Payments',
      { kind: 'group', namespace: 'default', name: 'payments' },
    ],
    [
      'GROUP:finance/Payments',
      { kind: 'group', namespace: 'finance', name: 'payments' },
    ],
  ])('relates %j both ways for the business role', async (value, owner) => {
    expect(await process(component({ [BUSINESS]: value }))).toEqual([
      {
        type: 'relation',
        relation: { source: self, type: 'businessOwnedBy', target: owner },
      },
      {
        type: 'relation',
        relation: { source: owner, type: 'businessOwnerOf', target: self },
      },
    ]);
  });

  it('relates each role with its own pair of types', async () => {
    const jane = { kind: 'user', namespace: 'default', name: 'jane' };
    const payments = { kind: 'group', namespace: 'default', name: 'payments' };
    const max = { kind: 'user', namespace: 'ops', name: 'max' };
    const emitted = await process(
      component({
        [BUSINESS]: 'user:default/jane',
        [PRODUCT]: 'group:default/payments',
        [ENGINEERING]: 'user:ops/max',
      }),
    );
    expect(emitted.map(r => r.type === 'relation' && r.relation)).toEqual([
      { source: self, type: 'businessOwnedBy', target: jane },
      { source: jane, type: 'businessOwnerOf', target: self },
      { source: self, type: 'productOwnedBy', target: payments },
      { source: payments, type: 'productOwnerOf', target: self },
      { source: self, type: 'engineeringOwnedBy', target: max },
      { source: max, type: 'engineeringOwnerOf', target: self },
    ]);
    // spec.owner stays the catalog's: no ownedBy/ownerOf from this processor.
    expect(
      emitted.filter(
        r =>
          r.type === 'relation' &&
          ['ownedby', 'ownerof'].includes(r.relation.type.toLowerCase()),
      ),
    ).toEqual([]);
  });

  it.each([
    ['a list', 'user:default/jane, group:default/payments'],
    ['a bracketed list', '[user:default/jane]'],
    ['no kind', 'jane'],
    ['a kind that cannot own', 'component:default/checkout'],
    ['a malformed name', 'user:default/-jane'],
    ['an empty value', ''],
    ['a stray slash', 'user:a/b/c'],
  ])('emits nothing, and no error, for %s', async (_what, value) => {
    expect(await process(component({ [BUSINESS]: value }))).toEqual([]);
  });

  it('keeps the valid roles when another one is invalid', async () => {
    const emitted = await process(
      component({ [BUSINESS]: 'jane', [PRODUCT]: 'user:default/max' }),
    );
    expect(emitted.map(r => r.type === 'relation' && r.relation.type)).toEqual([
      'productOwnedBy',
      'productOwnerOf',
    ]);
  });

  it('emits nothing for an entity without the annotations', async () => {
    expect(await process(component())).toEqual([]);
    expect(
      await process(component({ 'backstage.io/techdocs-ref': 'dir:.' })),
    ).toEqual([]);
  });

  it.each([
    // Keys the catalog accepts (its validator allows upper case and underscores after the
    // prefix) but that are not Stewardship's: annotation keys are case-sensitive.
    'stewardship.io/Business-Owner',
    'stewardship.io/business_owner',
    'stewardship.io/businessOwner',
  ])('reads no other annotation key, such as the valid key %s', async key => {
    expect(KubernetesValidatorFunctions.isValidAnnotationKey(key)).toBe(true);
    expect(await process(component({ [key]: 'user:default/jane' }))).toEqual(
      [],
    );
  });
});
