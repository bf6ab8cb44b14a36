import { checkEntityRef } from './entityRefs';

describe('checkEntityRef', () => {
  it('gives the lower-case full ref, with defaults for missing parts', () => {
    expect(checkEntityRef('User:Default/Jane.Doe')).toEqual({
      ok: true,
      entityRef: 'user:default/jane.doe',
    });
    expect(checkEntityRef('Checkout', { defaultKind: 'component' })).toEqual({
      ok: true,
      entityRef: 'component:default/checkout',
    });
    expect(
      checkEntityRef('group:payments', { defaultNamespace: 'shop' }),
    ).toEqual({ ok: true, entityRef: 'group:shop/payments' });
    expect(
      checkEntityRef({ kind: 'Group', namespace: 'default', name: 'A' }),
    ).toEqual({ ok: true, entityRef: 'group:default/a' });
  });

  it('says what is wrong instead of throwing', () => {
    expect(checkEntityRef('jane')).toEqual({
      ok: false,
      problem: 'it names no kind; write kind:namespace/name',
    });
    // The Kelvin sign lower-cases to "k": refused before lower-casing.
    expect(checkEntityRef('user:\u212Aube/jane')).toMatchObject({ ok: false });
    expect(checkEntityRef('user:default/ja ne')).toMatchObject({ ok: false });
  });
});
