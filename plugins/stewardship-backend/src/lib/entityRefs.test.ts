import { InputError } from '@backstage/errors';
import { z } from 'zod/v4';
import {
  entityRefSchema,
  normalizeEntityRef,
  sameEntityRef,
} from './entityRefs';

describe('normalizeEntityRef', () => {
  it.each([
    // [input, defaults, expected]
    ['checkout', { defaultKind: 'component' }, 'component:default/checkout'],
    ['Checkout', { defaultKind: 'Component' }, 'component:default/checkout'],
    [
      'payments/checkout',
      { defaultKind: 'component' },
      'component:payments/checkout',
    ],
    ['user:jane', {}, 'user:default/jane'],
    ['User:Default/Jane.Doe', {}, 'user:default/jane.doe'],
    ['group:Payments', {}, 'group:default/payments'],
    ['GROUP:TEAMS/Payments_EU', {}, 'group:teams/payments_eu'],
    ['  component:default/checkout \n', {}, 'component:default/checkout'],
    [
      'checkout',
      { defaultKind: 'system', defaultNamespace: 'Shop' },
      'system:shop/checkout',
    ],
    ['api:other/x-1', { defaultNamespace: 'shop' }, 'api:other/x-1'],
  ] as const)('reads %j with %j', (input, defaults, expected) => {
    expect(normalizeEntityRef(input, defaults)).toBe(expected);
  });

  it('splits as the catalog does: a "/" before the first ":" makes the rest the name', () => {
    expect(() =>
      normalizeEntityRef('ns/a:b', { defaultKind: 'component' }),
    ).toThrow('the name "a:b" must be letters');
  });

  it('accepts a CompoundEntityRef', () => {
    expect(
      normalizeEntityRef({
        kind: 'Component',
        namespace: 'Default',
        name: 'X',
      }),
    ).toBe('component:default/x');
  });

  it('is idempotent', () => {
    const once = normalizeEntityRef('Component:Payments/Checkout');
    expect(normalizeEntityRef(once)).toBe(once);
  });

  it.each([
    ['', 'it names no kind; write kind:namespace/name'],
    ['   ', 'it names no kind; write kind:namespace/name'],
    ['checkout', 'it names no kind; write kind:namespace/name'],
    ['default/checkout', 'it names no kind; write kind:namespace/name'],
    [':checkout', 'it has an empty kind, namespace or name'],
    ['user:', 'it has an empty kind, namespace or name'],
    ['user:default/', 'it has an empty kind, namespace or name'],
    ['user:/jane', 'it has an empty kind, namespace or name'],
    ['us-er:jane', 'the kind "us-er" must be letters and digits'],
    ['1user:jane', 'the kind "1user" must be letters and digits'],
    ['user:my_ns/jane', 'the namespace "my_ns" must be letters, digits'],
    ['user:ns-/jane', 'the namespace "ns-" must be'],
    ['user:a/b/c', 'the name "b/c" must be letters'],
    ['user:a:b', 'the name "a:b" must be letters'],
    ['user:default/jane doe', 'the name "jane doe" must be'],
    ['user:default/bad!name', 'the name "bad!name" must be'],
    ['user:default/-jane', 'the name "-jane" must be'],
    ['user:default/jane.', 'the name "jane." must be'],
    [`user:default/${'a'.repeat(64)}`, 'must be letters'],
    // NUL, emoji and other non-ASCII are refused before the catalog sees them.
    ['user:default/ja\u0000ne', 'the name "ja\\u0000ne" must be'],
    ['user:de\u0000fault/jane', 'the namespace "de\\u0000fault" must be'],
    ['us\u0000er:jane', 'the kind "us\\u0000er" must be'],
    ['user:default/jane\u{1F600}', 'the name "jane\u{1F600}" must be'],
    ['user:\u{1F600}/jane', 'the namespace "\u{1F600}" must be'],
    ['\u{1F600}:jane', 'the kind "\u{1F600}" must be'],
    ['user:default/j\u00E4ne', 'the name "j\u00E4ne" must be'],
    // The Kelvin sign lower-cases to an ASCII "k"; it is still not a valid character.
    ['user:\u212Aeys/jane', 'the namespace "\u212Aeys" must be'],
  ])('rejects %j', (input, reason) => {
    let error: unknown;
    try {
      normalizeEntityRef(input, { what: 'Annotation' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const message = (error as Error).message;
    expect(message).toContain(
      `Annotation ${JSON.stringify(input)} is not an entity ref: `,
    );
    expect(message).toContain(reason);
  });

  it('suggests the short form when a default kind is given', () => {
    expect(() =>
      normalizeEntityRef('::', { defaultKind: 'component' }),
    ).toThrow(
      '"::" is not an entity ref: it has an empty kind, namespace or name; write kind:namespace/name or just a component name',
    );
  });

  it('starts the message with the value when no "what" is given', () => {
    expect(() => normalizeEntityRef('a b')).toThrow(
      /^"a b" is not an entity ref: it names no kind/,
    );
  });

  it('validates the defaults like any other part', () => {
    expect(() =>
      normalizeEntityRef('x', { defaultKind: 'not a kind' }),
    ).toThrow('the kind "not a kind" must be letters and digits');
    expect(() =>
      normalizeEntityRef('user:x', { defaultNamespace: 'no_such' }),
    ).toThrow('the namespace "no_such" must be');
  });

  it('rejects an invalid CompoundEntityRef, naming it in string form', () => {
    expect(() =>
      normalizeEntityRef(
        { kind: 'component', namespace: 'default', name: 'a\u0000' },
        { what: 'Path' },
      ),
    ).toThrow('Path "component:default/a\\u0000" is not an entity ref');
  });

  it('cuts a long value in its message', () => {
    const long = `user:default/${' x'.repeat(5000)}`;
    let message = '';
    try {
      normalizeEntityRef(long);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/is not an entity ref/);
    expect(message.length).toBeLessThan(400);
  });
});

describe('entityRefSchema', () => {
  const schema = z.object({
    entityRef: entityRefSchema({ defaultKind: 'component' }),
  });

  it('outputs the normalised ref', () => {
    expect(schema.parse({ entityRef: 'Payments/Checkout' })).toEqual({
      entityRef: 'component:payments/checkout',
    });
  });

  it('reports a bad ref as one issue on the field, with the helper message', () => {
    const result = schema.safeParse({ entityRef: 'user:default/\u{1F600}' });
    expect(result.success).toBe(false);
    const issues = result.error!.issues;
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toEqual(['entityRef']);
    let expected = '';
    try {
      normalizeEntityRef('user:default/\u{1F600}', {
        defaultKind: 'component',
      });
    } catch (e) {
      expected = (e as Error).message;
    }
    expect(issues[0].message).toBe(expected);
    expect(issues[0].message).toMatch(/^"user:default\/\u{1F600}" is not/u);
  });

  it('rejects a bare name without a default kind', () => {
    expect(entityRefSchema().safeParse('checkout').success).toBe(false);
    expect(entityRefSchema().parse('Group:Payments')).toBe(
      'group:default/payments',
    );
  });

  it('rejects non-strings as zod does', () => {
    expect(entityRefSchema().safeParse(42).success).toBe(false);
  });
});

describe('sameEntityRef', () => {
  it.each([
    ['user:default/jane.doe', 'User:Default/Jane.Doe', true],
    ['group:payments', 'group:default/payments', true],
    [
      { kind: 'Group', namespace: 'default', name: 'Payments' },
      'group:payments',
      true,
    ],
    ['group:default/payments', 'user:default/payments', false],
    ['group:default/payments', 'group:other/payments', false],
    ['group:default/payments', 'group:default/payment', false],
  ] as const)('%j vs %j → %p', (a, b, expected) => {
    expect(sameEntityRef(a, b)).toBe(expected);
    expect(sameEntityRef(b, a)).toBe(expected);
  });

  it('throws for a ref without a kind or a malformed one', () => {
    expect(() => sameEntityRef('payments', 'group:default/payments')).toThrow(
      InputError,
    );
    expect(() => sameEntityRef('group:a b', 'group:a b')).toThrow(InputError);
  });
});
