import { parseOwnerRef } from './parseOwnerRef';

describe('parseOwnerRef', () => {
  it.each([
    ['user:default/jane', 'user:default/jane', 'user'],
    ['User:Default/Jane.Doe', 'user:default/jane.doe', 'user'],
    ['group:Payments', 'group:default/payments', 'group'],
    ['  GROUP:ops/Team-A  ', 'group:ops/team-a', 'group'],
  ])('reads %j', (raw, entityRef, kind) => {
    expect(parseOwnerRef(raw)).toEqual({ ok: true, entityRef, kind });
  });

  it('flags a bracketed single owner as a list', () => {
    expect(parseOwnerRef('[user:default/jane]')).toMatchObject({
      ok: false,
      reason: 'list',
    });
  });

  it('flags a bracketed list of owners', () => {
    expect(parseOwnerRef(' [user:default/a; group:default/b] ')).toEqual({
      ok: false,
      reason: 'list',
      parts: ['user:default/a', 'group:default/b'],
      problem:
        'Expected one accountable owner, found 2: user:default/a, group:default/b.',
    });
  });

  it('flags a list of owners', () => {
    expect(parseOwnerRef('user:default/a, group:default/b')).toEqual({
      ok: false,
      reason: 'list',
      parts: ['user:default/a', 'group:default/b'],
      problem:
        'Expected one accountable owner, found 2: user:default/a, group:default/b.',
    });
  });

  it.each([
    ['', 'The annotation is empty.'],
    [
      'jane',
      '"jane" is not an entity ref of the form user:namespace/name or group:namespace/name.',
    ],
    [
      'component:default/x',
      '"component:default/x" names a component; an owner must be a user or a group.',
    ],
    // A lone bracket is a typo in one ref, not a list of one owner.
    [
      '[user:jane',
      '"[user:jane" is not an entity ref of the form user:namespace/name or group:namespace/name.',
    ],
    [
      ' user:default/jane] ',
      '"user:default/jane]" is not an entity ref of the form user:namespace/name or group:namespace/name.',
    ],
    [
      'user:default/-jane',
      '"user:default/-jane" is not a valid entity ref: names may use letters, digits, "-", "_" and ".".',
    ],
  ])('refuses %j', (raw, problem) => {
    expect(parseOwnerRef(raw)).toEqual({
      ok: false,
      reason: 'malformed',
      problem,
    });
  });
});
