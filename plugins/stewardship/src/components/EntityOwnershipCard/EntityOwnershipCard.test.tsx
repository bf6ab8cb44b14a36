import { ResponseError } from '@backstage/errors';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ownership } from '../../__testUtils__/fixtures';
import {
  mockStewardshipApi,
  renderWithApi,
  testEntity,
} from '../../__testUtils__/renderWithApi';
import { EntityOwnershipCard } from './EntityOwnershipCard';

describe('EntityOwnershipCard', () => {
  it('shows a progress bar while loading', async () => {
    const api = mockStewardshipApi({
      getEntityOwnership: () => new Promise(() => {}),
    });

    await renderWithApi(<EntityOwnershipCard />, api, { entity: testEntity });

    expect(
      await screen.findByRole('progressbar', { name: 'Loading the owners' }),
    ).toBeInTheDocument();
  });

  it('lists each role with its owner and status', async () => {
    const api = mockStewardshipApi({
      getEntityOwnership: async () => ownership,
    });

    await renderWithApi(<EntityOwnershipCard />, api, { entity: testEntity });

    expect(
      await screen.findByText('1 role needs attention'),
    ).toBeInTheDocument();
    const rows = screen.getAllByRole('row');
    expect(rows.map(row => row.textContent)).toEqual([
      'Business ownerJane Doeok',
      'Product ownerPayments Productok',
      'Engineering owner—missing',
      'Owning teamPayments Team',
    ]);
    // The status words are read out, not hidden with the icons.
    for (const word of ['ok', 'missing']) {
      for (const element of screen.getAllByText(word)) {
        expect(element.closest('[aria-hidden="true"]')).toBeNull();
      }
    }
    expect(
      within(rows[0]).getByRole('link', { name: 'Jane Doe' }),
    ).toHaveAttribute('href', '/catalog/default/user/jane');
  });

  it.each([
    // appliesTo may cover some types of a kind (services, not libraries): the type is why.
    ['library', 'component of type library'],
    // An entity without spec.type: its kind alone.
    [undefined, 'component'],
  ])(
    'says when the policy does not cover the entity (type %s)',
    async (type, what) => {
      const api = mockStewardshipApi({
        getEntityOwnership: async () => ({
          ...ownership,
          type,
          applies: false,
          compliant: true,
          roles: [],
        }),
      });

      await renderWithApi(<EntityOwnershipCard />, api, {
        entity: testEntity,
      });

      expect(
        await screen.findByText(
          `The ownership policy does not cover this kind of entity (${what}). Configure stewardship.ownership.appliesTo to check it.`,
        ),
      ).toBeInTheDocument();
      expect(
        screen.getByText('Not covered by the ownership policy'),
      ).toBeInTheDocument();
    },
  );

  it('says what failed when loading fails, and reads again on Try again', async () => {
    const error = await ResponseError.fromResponse(
      new Response('{}', { status: 500, statusText: 'Internal Server Error' }),
    );
    let fail = true;
    const api = mockStewardshipApi({
      getEntityOwnership: async () => {
        if (fail) throw error;
        return ownership;
      },
    });

    await renderWithApi(<EntityOwnershipCard />, api, { entity: testEntity });

    // An answer without the backend's error body: a proxy's, or a backend restarting.
    expect(
      await screen.findByText(
        'Error: Could not read the owners: The stewardship backend did not answer the request (500 Internal Server Error); it may be down or restarting',
      ),
    ).toBeInTheDocument();
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Business owner')).toBeInTheDocument();
  });
});
