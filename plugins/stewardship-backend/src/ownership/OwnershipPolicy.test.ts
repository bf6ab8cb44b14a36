import { ConfigReader } from '@backstage/config';
import { component } from '../__testUtils__/entities';
import { recordingLogger } from '../__testUtils__/recordingLogger';
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

  it('refuses an empty requiredRoles, which would pass every covered entity', () => {
    expect(() =>
      readOwnershipPolicy(
        new ConfigReader({
          stewardship: { ownership: { requiredRoles: [] } },
        }),
      ),
    ).toThrow(
      'stewardship.ownership.requiredRoles is empty, so every covered entity would pass: list at least one role, e.g. [engineering], ' +
        'or leave requiredRoles out for the default (business, product, engineering)',
    );
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

  const withAppliesTo = (appliesTo: unknown) =>
    new ConfigReader({
      stewardship: { ownership: { appliesTo: appliesTo as any } },
    });

  it('refuses an empty appliesTo, which would check no entity', () => {
    expect(() => readOwnershipPolicy(withAppliesTo([]))).toThrow(
      'stewardship.ownership.appliesTo is empty, so no entity would be checked: list at least one kind, e.g. [{ kind: Component }], ' +
        'or leave appliesTo out for the default (Component, API, System and Domain)',
    );
  });

  it.each(['Compo nent', 'component-x', '1API', 'K'.repeat(64)])(
    'refuses the kind %j, naming the entry',
    kind => {
      expect(() =>
        readOwnershipPolicy(withAppliesTo([{ kind: 'API' }, { kind }])),
      ).toThrow(
        `stewardship.ownership.appliesTo[1].kind "${kind}" is not an entity kind: a letter, then letters and digits only (at most 63), e.g. Component`,
      );
    },
  );

  it.each([[[]], ['']])(
    'refuses the type %j, which would not say which types',
    type => {
      expect(() =>
        readOwnershipPolicy(withAppliesTo([{ kind: 'Component', type }])),
      ).toThrow(/^stewardship\.ownership\.appliesTo\[0\]\.type /);
    },
  );

  it("warns about a kind that is not one of Backstage's, and takes it", () => {
    const { logger, lines } = recordingLogger();
    const policy = readOwnershipPolicy(
      withAppliesTo([
        { kind: 'component' },
        { kind: 'Compnent' },
        { kind: 'template' },
        { kind: 'MLModel' },
      ]),
      logger,
    );
    expect(policy.appliesTo.map(rule => rule.kind)).toEqual([
      'component',
      'compnent',
      'template',
      'mlmodel',
    ]);
    const kinds =
      'API, Component, Domain, Group, Location, Resource, System, Template, User';
    expect(lines).toEqual([
      {
        level: 'warn',
        message: `stewardship.ownership.appliesTo[1].kind Compnent is not one of Backstage's kinds (${kinds}): fine for a custom kind, but if it is a typo no entity is covered by this entry`,
      },
      {
        level: 'warn',
        message: `stewardship.ownership.appliesTo[3].kind MLModel is not one of Backstage's kinds (${kinds}): fine for a custom kind, but if it is a typo no entity is covered by this entry`,
      },
    ]);
  });
});
