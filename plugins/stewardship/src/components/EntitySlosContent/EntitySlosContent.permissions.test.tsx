import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mockApis } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
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
    await screen.findByText(/No metric source is configured yet/);
    expect(
      screen.getAllByText('You may not add SLOs to this entity.'),
    ).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Create SLO' })).toBeNull();
    // Nor is the viewer told to use a form they do not get.
    expect(screen.queryByText(/here, in a form/)).toBeNull();
    expect(
      screen.getByText(
        'Define a service level objective for component:default/payments-api through the Stewardship API; it is evaluated within minutes and shows here.',
      ),
    ).toBeInTheDocument();
  });
});
