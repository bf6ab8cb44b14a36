import { ConfigReader } from '@backstage/config';
import { component } from '../__testUtils__/entities';
import { policyAppliesTo, readOwnershipPolicy } from './OwnershipPolicy';

describe('readOwnershipPolicy', () => {
  it('defaults to components, APIs, systems and domains with every role required', () => {
    expect(readOwnershipPolicy(new ConfigReader({}))).toEqual({
      appliesTo: [
        { kind: 'component', types: [] },
        { kind: 'api', types: [] },
        { kind: 'system', types: [] },
        { kind: 'domain', types: [] },
      ],
      requiredRoles: ['business', 'product', 'engineering'],
      inheritance: true,
    });
  });

  it('reads kinds, types, roles and inheritance', () => {
    const policy = readOwnershipPolicy(
      new ConfigReader({
        stewardship: {
          ownership: {
            appliesTo: [
              { kind: 'Component', type: ['Service', 'website'] },
              { kind: 'API', type: 'openapi' },
              { kind: 'Resource' },
            ],
            requiredRoles: ['engineering'],
            inheritance: false,
          },
        },
      }),
    );
    expect(policy).toEqual({
      appliesTo: [
        { kind: 'component', types: ['service', 'website'] },
        { kind: 'api', types: ['openapi'] },
        { kind: 'resource', types: [] },
      ],
      requiredRoles: ['engineering'],
      inheritance: false,
    });
    expect(policyAppliesTo(policy, component('a', { type: 'service' }))).toBe(
      true,
    );
    expect(policyAppliesTo(policy, component('b', { type: 'library' }))).toBe(
      false,
    );
  });

  it('rejects an unknown role', () => {
    expect(() =>
      readOwnershipPolicy(
        new ConfigReader({
          stewardship: { ownership: { requiredRoles: ['finance'] } },
        }),
      ),
    ).toThrow(/unknown role "finance"/);
  });

  it.each([5, { a: 1 }, ['service', 5]])(
    'rejects a type that is not a name or a list of names (%p), naming the rule',
    type => {
      expect(() =>
        readOwnershipPolicy(
          new ConfigReader({
            stewardship: {
              ownership: {
                appliesTo: [{ kind: 'API' }, { kind: 'Component', type }],
              },
            },
          }),
        ),
      ).toThrow(
        'stewardship.ownership.appliesTo[1].type must be a type name or a list of them, e.g. service or [service, website]',
      );
    },
  );
});
