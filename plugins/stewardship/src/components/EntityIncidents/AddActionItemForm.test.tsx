import { Entity } from '@backstage/catalog-model';
import { CatalogApi, catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { openDetail } from '../../__testUtils__/incidentFixtures';
import { backendError } from '../../__testUtils__/backendError';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import { AddActionItemForm } from './AddActionItemForm';
import {
  NO_OWNER_MATCH,
  OWNER_OPTIONS_FAILED,
  OWNER_QUERY_FIELDS,
} from './OwnerPicker';

jest.setTimeout(30_000);

const group = (name: string, extra: Partial<Entity> = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
  ...extra,
});
const user = (name: string, displayName?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf: [], ...(displayName && { profile: { displayName } }) },
});

const entities: Entity[] = [
  group('commerce', {
    spec: {
      type: 'team',
      children: [],
      profile: { displayName: 'Commerce Team' },
    },
  }),
  group('payments', {
    metadata: {
      name: 'payments',
      namespace: 'default',
      title: 'Payments Guild',
    },
  }),
  user('noah.davis', 'Noah Davis'),
  user('jane'),
  // Not an owner: the search asks for users and groups only.
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'commerce-api', namespace: 'default' },
    spec: { type: 'service', owner: 'group:default/commerce' },
  },
];

/** The request the picker is to send for `term`. */
const requestFor = (term: string) => ({
  filter: { kind: ['User', 'Group'] },
  fullTextFilter: {
    term,
    fields: ['metadata.name', 'metadata.title', 'spec.profile.displayName'],
  },
  limit: 20,
  fields: OWNER_QUERY_FIELDS,
});

async function renderForm(
  catalog: CatalogApi,
  createIncidentActionItem: (id: string, body: any) => Promise<any> = async (
    _id,
    body,
  ) => ({ ...openDetail.actionItems![0], ...body, id: 'item-2' }),
) {
  const sent: unknown[] = [];
  await renderWithApi(
    <TestApiProvider apis={[[catalogApiRef, catalog]]}>
      <AddActionItemForm
        incidentId={openDetail.id}
        incidentTitle={openDetail.title}
        onAdded={() => {}}
      />
    </TestApiProvider>,
    mockStewardshipApi({
      createIncidentActionItem: async (id, body) => {
        sent.push(body);
        return createIncidentActionItem(id, body);
      },
    }),
  );
  const form = screen.getByRole('form', {
    name: `Add an action item to ${openDetail.title}`,
  });
  // The input is the combobox (ARIA 1.2), named by its label.
  const owner = within(form).getByRole('combobox', {
    name: 'Owner (user or group)',
  });
  const add = async (title: string) => {
    await userEvent.click(
      within(form).getByRole('textbox', { name: /^Action item/ }),
    );
    await userEvent.paste(title);
    await userEvent.click(
      within(form).getByRole('button', { name: /^Add action item/ }),
    );
  };
  return { form, owner, sent, add };
}

/**
 * The pieces of text a screen reader reads of an element, none inside `aria-hidden`. Chromium
 * joins the pieces of a name with a space where an element out of the flow (a visually hidden
 * one) begins or ends: a name must be one piece to be read as it is written.
 */
const spokenPieces = (element: HTMLElement) => {
  const pieces: string[] = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    if (text && !node.parentElement?.closest('[aria-hidden="true"]')) {
      pieces.push(text);
    }
  }
  return pieces;
};

const optionNames = () =>
  screen.getAllByRole('option').map(option => spokenPieces(option).join(''));

describe('AddActionItemForm’s owner', () => {
  it('offers the catalog’s users and groups matching what is typed, by display name, title or name', async () => {
    const catalog = catalogApiMock({ entities });
    const query = jest.spyOn(catalog, 'queryEntities');
    const { owner } = await renderForm(catalog);
    expect(owner).toHaveAttribute('id', `${openDetail.id}-item-ownerRef`);

    // Key by key: one search, for what was typed once the typing paused. The clock is the test's
    // while typing, so a slow machine's pause between two keys is no pause to the form.
    jest.useFakeTimers();
    try {
      const typist = userEvent.setup({
        advanceTimers: jest.advanceTimersByTime,
      });
      await typist.type(owner, 'comm');
      expect(
        await screen.findByRole('option', {
          name: 'Commerce Team, group:default/commerce',
        }),
      ).toBeInTheDocument();
    } finally {
      jest.useRealTimers();
    }
    expect(optionNames()).toEqual(['Commerce Team, group:default/commerce']);
    // Read as one piece of text (see spokenPieces); shown as the name, then the ref.
    const [option] = screen.getAllByRole('option');
    expect(spokenPieces(option)).toEqual([
      'Commerce Team, group:default/commerce',
    ]);
    expect(option.querySelector('[aria-hidden="true"]')).toHaveTextContent(
      /^Commerce Team group:default\/commerce$/,
    );
    expect(query.mock.calls).toEqual([[requestFor('comm')]]);
    // The input is the combobox, pointing at the list it opened.
    expect(owner).toHaveAttribute('aria-expanded', 'true');
    expect(owner).toHaveAttribute(
      'aria-controls',
      screen.getByRole('listbox').id,
    );

    // By the profile's display name, else the title, else the name.
    for (const [typed, expected] of [
      ['Davis', 'Noah Davis, user:default/noah.davis'],
      ['guild', 'Payments Guild, group:default/payments'],
      ['jan', 'jane, user:default/jane'],
    ]) {
      await userEvent.clear(owner);
      await userEvent.paste(typed);
      await waitFor(() => expect(optionNames()).toEqual([expected]));
    }
  });

  it('sends the full ref of an option chosen with the keyboard', async () => {
    const catalog = catalogApiMock({ entities });
    const query = jest.spyOn(catalog, 'queryEntities');
    const { owner, sent, add } = await renderForm(catalog);
    await userEvent.click(owner);
    await userEvent.paste('noah');
    await screen.findByRole('option', {
      name: 'Noah Davis, user:default/noah.davis',
    });
    await userEvent.keyboard('{ArrowDown}{Enter}');
    expect(owner).toHaveValue('user:default/noah.davis');
    // Enter chose the option; it did not send the form.
    expect(sent).toEqual([]);
    // Choosing is no new search (for the chosen ref).
    await new Promise(resolve => setTimeout(resolve, 400));
    expect(query.mock.calls).toEqual([[requestFor('noah')]]);

    await add('Page the payments on-call');
    await waitFor(() =>
      expect(sent).toEqual([
        {
          title: 'Page the payments on-call',
          ownerRef: 'user:default/noah.davis',
        },
      ]),
    );
    await waitFor(() => expect(owner).toHaveValue(''));
  });

  it('sends a typed ref trimmed, searching by its name and picking its option on Enter', async () => {
    const catalog = catalogApiMock({ entities });
    const query = jest.spyOn(catalog, 'queryEntities');
    const { form, owner, sent } = await renderForm(catalog);
    await userEvent.click(
      within(form).getByRole('textbox', { name: /^Action item/ }),
    );
    await userEvent.paste('Add a canary stage');
    await userEvent.click(owner);
    await userEvent.paste('  group:default/payments  ');
    expect(
      await screen.findByRole('option', {
        name: 'Payments Guild, group:default/payments',
      }),
    ).toBeInTheDocument();
    expect(query.mock.calls).toEqual([[requestFor('payments')]]);

    // The typed ref is an option's: MUI highlights it as the field's value (a screen reader
    // reads it), so the first Enter picks it and closes the list, the second sends the form.
    expect(owner).toHaveAttribute(
      'aria-activedescendant',
      screen.getByRole('option', { selected: true }).id,
    );
    await userEvent.keyboard('{Enter}');
    expect(owner).toHaveValue('group:default/payments');
    expect(sent).toEqual([]);
    await userEvent.keyboard('{Enter}');
    await waitFor(() =>
      expect(sent).toEqual([
        { title: 'Add a canary stage', ownerRef: 'group:default/payments' },
      ]),
    );
  });

  it('says when nothing matches, still sends what was typed, and shows the server’s refusal on the field', async () => {
    const message = 'ownerRef: user:default/nobody is not in the catalog';
    const { form, owner, sent } = await renderForm(
      catalogApiMock({ entities }),
      async () => {
        throw await backendError(400, message);
      },
    );
    await userEvent.click(
      within(form).getByRole('textbox', { name: /^Action item/ }),
    );
    await userEvent.paste('Add a canary stage');
    await userEvent.click(owner);
    await userEvent.paste('user:default/nobody');
    expect(
      await screen.findByText(NO_OWNER_MATCH, {
        selector: '.MuiAutocomplete-loading',
      }),
    ).toBeVisible();
    expect(screen.getByRole('status')).toHaveTextContent(NO_OWNER_MATCH);
    expect(screen.getByRole('status')).toHaveAttribute('aria-live', 'polite');
    expect(screen.queryAllByRole('option')).toEqual([]);
    // No list to point at: not expanded (axe refuses an expanded combobox without aria-controls).
    expect(owner).toHaveAttribute('aria-expanded', 'false');
    expect(owner).not.toHaveAttribute('aria-controls');

    // Nothing to pick: Enter sends the form as typed.
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(owner).toHaveAttribute('aria-invalid', 'true'));
    expect(sent).toEqual([
      { title: 'Add a canary stage', ownerRef: 'user:default/nobody' },
    ]);
    // The backend's message, on the field it names.
    expect(owner).toHaveAccessibleDescription(message);
    expect(owner).toHaveFocus();
  });

  it('stays a working text field when the catalog fails, saying the options could not be loaded', async () => {
    const catalog = catalogApiMock.mock({
      queryEntities: jest.fn().mockRejectedValue(new Error('catalog down')),
    });
    const { owner, sent, add } = await renderForm(catalog);
    await userEvent.click(owner);
    await userEvent.paste(' group:default/commerce ');
    await waitFor(() =>
      expect(owner).toHaveAccessibleDescription(OWNER_OPTIONS_FAILED),
    );
    expect(screen.getByRole('status')).toHaveTextContent(OWNER_OPTIONS_FAILED);
    expect(owner).toHaveAttribute('aria-invalid', 'false');
    expect(owner).toHaveValue(' group:default/commerce ');

    await add('Alert on checkout 5xx');
    await waitFor(() =>
      expect(sent).toEqual([
        { title: 'Alert on checkout 5xx', ownerRef: 'group:default/commerce' },
      ]),
    );
  });
});
