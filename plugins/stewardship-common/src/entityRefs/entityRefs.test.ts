import { checkEntityRef, entityRefKey } from './entityRefs';

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

  it('says a ref of three parts without a colon names no kind, with a default kind or not', () => {
    // The catalog would read the namespace "Component" and the name "default/x".
    expect(
      checkEntityRef('Component/default/x', { defaultKind: 'component' }),
    ).toEqual({
      ok: false,
      problem:
        'it names no kind; write kind:namespace/name or just a component name',
    });
    expect(checkEntityRef('Component/default/x')).toEqual({
      ok: false,
      problem: 'it names no kind; write kind:namespace/name',
    });
    // A namespace and a name, and a full ref, are still read.
    expect(
      checkEntityRef('shop/checkout', { defaultKind: 'component' }),
    ).toEqual({ ok: true, entityRef: 'component:shop/checkout' });
    expect(checkEntityRef('user:a/b/c')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^the name "b\/c" must be/),
    });
  });
});

describe('entityRefKey', () => {
  it('compares refs as the catalog does: lower-cased, whatever their case', () => {
    expect(entityRefKey('User:Default/Jane.Doe')).toBe('user:default/jane.doe');
    expect(entityRefKey('Component:default/Checkout')).toBe(
      entityRefKey('component:default/checkout'),
    );
    expect(entityRefKey('group:default/payments')).not.toBe(
      entityRefKey('group:default/payment'),
    );
  });

  it("matches toLocaleLowerCase('en-US') on letters with special case mappings", () => {
    // Letters whose case mapping is special somewhere: dotted and dotless i (Turkish), final
    // sigma, the Kelvin and Ångström signs, the capital sharp s, a Lithuanian I with accent.
    const samples = [
      'İstanbul',
      'ISTANBUL',
      'ΟΔΟΣ ΟΔΟΣ.',
      'ΣΑΣ',
      '\u212A\u212B',
      'STRASSE \u1E9E',
      'I\u0307\u0300',
      'Component:Default/Jane.Doe',
    ];
    for (const text of samples) {
      // Concatenated at run time, as refs are (a cons string for V8), and as written.
      const built = ['', ...text].reduce((acc, ch) => `${acc}${ch}`);
      expect(entityRefKey(built)).toBe(built.toLocaleLowerCase('en-US'));
      expect(entityRefKey(text)).toBe(text.toLocaleLowerCase('en-US'));
    }
  });
});
