import { Entity, RELATION_HAS_PART } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PermissionApi } from '@backstage/plugin-permission-react';
import { mockApis } from '@backstage/test-utils';
import { act, screen, waitFor, within } from '@testing-library/react';
import {
  mockStewardshipApi,
  renderWithApi,
  testEntity,
} from '../../__testUtils__/renderWithApi';
import { allSloItems, entitySlos } from '../../__testUtils__/sloFixtures';
import { EntitySlosContent } from './EntitySlosContent';

// Several cards load at once on a loaded machine.
jest.setTimeout(30_000);

const api = mockStewardshipApi({
  getEntitySlos: async () => entitySlos(allSloItems),
});

describe('EntitySlosContent and the permission policy', () => {
  it('offers Create, Import and Edit where the policy allows them, asking about this entity', async () => {
    const asked: Array<[string, string | undefined]> = [];
    await renderWithApi(<EntitySlosContent />, api, {
      entity: testEntity,
      permissionApi: mockApis.permission({
        authorize: request => {
          asked.push([
            request.permission.name,
            (request as { resourceRef?: string }).resourceRef,
          ]);
          return AuthorizeResult.ALLOW;
        },
      }),
    });
    expect(
      await screen.findByRole('button', { name: 'Create SLO' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Import YAML' }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: /^Edit / })).toHaveLength(
      allSloItems.length,
    );
    expect(asked).toContainEqual([
      'stewardship.slo.create',
      'component:default/payments-api',
    ]);
    expect(asked).toContainEqual([
      'stewardship.slo.update',
      'component:default/payments-api',
    ]);
  });

  it('hides them, and says why, for a viewer the policy denies', async () => {
    await renderWithApi(<EntitySlosContent />, api, {
      entity: testEntity,
      permissionApi: mockApis.permission({ authorize: AuthorizeResult.DENY }),
    });
    expect(
      await screen.findByText('You may not add SLOs to this entity.'),
    ).toBeInTheDocument();
    // The SLOs are still there to read.
    expect(
      await screen.findAllByRole('button', { name: /^Show details of / }),
    ).toHaveLength(allSloItems.length);
    expect(screen.queryByRole('button', { name: 'Create SLO' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Import YAML' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Edit / })).toBeNull();
  });

  it('says so once on an entity without SLOs: in the header, not again in the empty state', async () => {
    await renderWithApi(
      <EntitySlosContent />,
      mockStewardshipApi({
        getEntitySlos: async () => entitySlos([]),
        listMetricSources: async () => [],
      }),
      {
        entity: testEntity,
        permissionApi: mockApis.permission({
          authorize: AuthorizeResult.DENY,
        }),
      },
    );
    await screen.findByText('No SLOs for this entity yet');
    // Both permission checks have answered once the header says it.
    expect(
      await screen.findAllByText('You may not add SLOs to this entity.'),
    ).toHaveLength(1);
    // Whom to ask instead, by the entity's owner.
    const ask = await screen.findByText(/^Ask its owners/);
    // Backstage's "no Information" picture, not "data", whose text says "no Build".
    expect(
      screen.getByRole('img', { name: 'no Information' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('img', { name: 'no Build' })).toBeNull();
    expect(ask).toHaveTextContent(
      'Ask its owners (payments) to define a service level objective for component:default/payments-api; it is evaluated within minutes and shows here.',
    );
    expect(within(ask).getByRole('link')).toHaveAttribute(
      'href',
      expect.stringContaining('/group/payments'),
    );
    expect(
      screen.getAllByText('You may not add SLOs to this entity.'),
    ).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Create SLO' })).toBeNull();
    // Nor is the viewer told to use a form they do not get, nor given an API command the
    // backend would refuse (403) with its metric source settings.
    expect(screen.queryByText(/here, in a form/)).toBeNull();
    expect(screen.queryByText(/curl/)).toBeNull();
    expect(screen.queryByText(/POST \/api\/stewardship\/slos/)).toBeNull();
    expect(screen.queryByText(/No metric source is configured yet/)).toBeNull();
  });

  it('names no owner on an entity without one, and keeps the API commands for a viewer who may add SLOs', async () => {
    const stewardship = mockStewardshipApi({
      getEntitySlos: async () => entitySlos([]),
      listMetricSources: async () => [],
    });
    const { unmount } = await renderWithApi(
      <EntitySlosContent />,
      stewardship,
      {
        entity: { ...testEntity, spec: { type: 'service' } },
        permissionApi: mockApis.permission({ authorize: AuthorizeResult.DENY }),
      },
    );
    expect(await screen.findByText(/^Ask its owners/)).toHaveTextContent(
      /^Ask its owners to define a service level objective for component:default\/payments-api;/,
    );
    unmount();

    await renderWithApi(<EntitySlosContent />, stewardship, {
      entity: testEntity,
      permissionApi: mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
    });
    expect(
      await screen.findByText(/No metric source is configured yet/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/POST \/api\/stewardship\/slos/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/^Ask its owners/)).toBeNull();
  });

  it('does not send a viewer to the owners when the permission check failed: the API decides', async () => {
    const failing: PermissionApi = {
      authorize: async () => {
        throw new Error('permission backend down');
      },
    };
    await renderWithApi(
      <EntitySlosContent />,
      mockStewardshipApi({
        getEntitySlos: async () => entitySlos([]),
        listMetricSources: async () => [],
      }),
      { entity: testEntity, permissionApi: failing },
    );
    expect(
      await screen.findByText(/POST \/api\/stewardship\/slos/),
    ).toBeInTheDocument();
    // Said once, in the header: not again in the empty state.
    expect(
      screen.getAllByText(/Could not check whether you may add SLOs/),
    ).toHaveLength(1);
    expect(screen.queryByText(/^Ask its owners/)).toBeNull();
  });

  describe('on a system', () => {
    const system: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'payments', namespace: 'default' },
      spec: { owner: 'group:default/payments' },
      relations: [
        { type: RELATION_HAS_PART, targetRef: 'component:default/ledger' },
        { type: RELATION_HAS_PART, targetRef: 'component:default/checkout' },
        { type: RELATION_HAS_PART, targetRef: 'component:default/quiet' },
      ],
    };
    const components = [
      'component:default/checkout',
      'component:default/ledger',
      'component:default/quiet',
    ];
    const systemApi = mockStewardshipApi({
      getEntitySlos: async ref =>
        entitySlos(allSloItems.slice(0, 1), String(ref)),
      getSlosByEntities: async refs => ({
        at: new Date().toISOString(),
        items: refs.map(ref =>
          String(ref) === 'component:default/quiet'
            ? entitySlos([], String(ref))
            : entitySlos(allSloItems.slice(1, 2), String(ref)),
        ),
      }),
    });
    const ONCE =
      'You may not add SLOs to this system or to any of its components shown here. Ask their owners or your Backstage admins.';
    // Each entity named as its page's heading names it (here, with no title: by its name).
    const perComponent = (name: string) => `You may not add SLOs to ${name}.`;

    it('says a failed check once, with one Try again, when neither it nor its components have SLOs', async () => {
      const failing: PermissionApi = {
        authorize: async () => {
          throw new Error('permission backend down');
        },
      };
      await renderWithApi(
        <EntitySlosContent />,
        mockStewardshipApi({
          getEntitySlos: async ref => entitySlos([], String(ref)),
          getSlosByEntities: async refs => ({
            at: new Date().toISOString(),
            items: refs.map(ref => entitySlos([], String(ref))),
          }),
          listMetricSources: async () => [],
        }),
        { entity: system, permissionApi: failing },
      );
      expect(
        await screen.findByText('No SLOs for this entity yet'),
      ).toBeInTheDocument();
      await screen.findByText(/POST \/api\/stewardship\/slos/);
      expect(
        await screen.findAllByText(/Could not check whether you may add SLOs/),
      ).toHaveLength(1);
      expect(
        screen.getAllByRole('button', {
          name: /^Try again to check whether you may add SLOs/,
        }),
      ).toHaveLength(1);
    });

    it('says once, in the header, that the viewer may add SLOs to none of them', async () => {
      const asked = new Set<string>();
      await renderWithApi(<EntitySlosContent />, systemApi, {
        entity: system,
        permissionApi: mockApis.permission({
          authorize: request => {
            asked.add(
              String((request as { resourceRef?: string }).resourceRef),
            );
            return AuthorizeResult.DENY;
          },
        }),
      });
      expect(await screen.findAllByText(ONCE)).toHaveLength(1);
      await screen.findByRole('region', {
        name: 'SLOs of ledger',
      });
      // Asked about each entity it lists, not assumed from the system's answer.
      expect([...asked].sort()).toEqual(
        [...components, 'system:default/payments'].sort(),
      );
      expect(screen.queryByText(perComponent('payments'))).toBeNull();
      for (const ref of components) {
        expect(screen.queryByText(perComponent(ref.split('/')[1]))).toBeNull();
      }
      expect(screen.queryAllByText(/^You may not add SLOs/)).toHaveLength(1);
      expect(screen.queryByRole('button', { name: /^Create SLO/ })).toBeNull();
    });

    it('asks about each entity once, and says nothing per component before the one notice', async () => {
      const asked: string[] = [];
      let answerSystem = () => {};
      const permissionApi = {
        authorize: async request => {
          const ref = String((request as { resourceRef?: string }).resourceRef);
          if (request.permission.name !== 'stewardship.slo.create') {
            return { result: AuthorizeResult.DENY };
          }
          asked.push(ref);
          if (ref === 'system:default/payments') {
            // The system's answer waits until the test gives it.
            await new Promise<void>(resolve => {
              answerSystem = resolve;
            });
          }
          return { result: AuthorizeResult.DENY };
        },
      } as PermissionApi;
      await renderWithApi(<EntitySlosContent />, systemApi, {
        entity: system,
        permissionApi,
      });
      await screen.findByRole('region', {
        name: 'SLOs of ledger',
      });
      await waitFor(() => expect(asked).toHaveLength(4));
      await act(() => new Promise(r => setTimeout(r, 50)));
      // The components' denials are in, the system's is not: no notice of any kind yet.
      expect(screen.queryAllByText(/^You may not add SLOs/)).toEqual([]);
      expect(screen.queryByRole('button', { name: /^Create SLO/ })).toBeNull();

      await act(async () => answerSystem());
      expect(await screen.findAllByText(ONCE)).toHaveLength(1);
      expect(screen.queryAllByText(/^You may not add SLOs/)).toHaveLength(1);
      expect([...asked].sort()).toEqual(
        [...components, 'system:default/payments'].sort(),
      );
    });

    it('says it only for the components that differ when the viewer may add to some', async () => {
      await renderWithApi(<EntitySlosContent />, systemApi, {
        entity: system,
        permissionApi: mockApis.permission({
          authorize: request =>
            (request as { resourceRef?: string }).resourceRef ===
            'component:default/checkout'
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        }),
      });
      const checkout = await screen.findByRole('region', {
        name: 'SLOs of checkout',
      });
      expect(
        await within(checkout).findByText(perComponent('checkout')),
      ).toBeInTheDocument();
      expect(
        await screen.findByRole('button', {
          name: 'Create SLO for ledger',
        }),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('button', {
          name: 'Create SLO for payments',
        }),
      ).toBeInTheDocument();
      expect(screen.queryByText(ONCE)).toBeNull();
      expect(screen.getAllByText(/^You may not add SLOs/)).toHaveLength(1);
    });

    it('says it for the system alone when only its components are open to the viewer', async () => {
      await renderWithApi(<EntitySlosContent />, systemApi, {
        entity: system,
        permissionApi: mockApis.permission({
          authorize: request =>
            (request as { resourceRef?: string }).resourceRef ===
            'system:default/payments'
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        }),
      });
      expect(
        await screen.findByRole('button', {
          name: 'Create SLO for quiet',
        }),
      ).toBeInTheDocument();
      expect(
        await screen.findByText(perComponent('payments')),
      ).toBeInTheDocument();
      expect(screen.queryByText(ONCE)).toBeNull();
    });
  });
});
