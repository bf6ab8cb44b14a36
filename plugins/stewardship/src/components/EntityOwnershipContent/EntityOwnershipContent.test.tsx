import { textContentMatcher } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { backendError } from '../../__testUtils__/backendError';
import {
  businessOk,
  engineeringMissing,
  ownership,
  productInherited,
} from '../../__testUtils__/fixtures';
import {
  mockStewardshipApi,
  renderWithApi,
  testEntity,
} from '../../__testUtils__/renderWithApi';
import { EntityOwnershipContent } from './EntityOwnershipContent';

describe('EntityOwnershipContent', () => {
  it('shows a progress bar while loading', async () => {
    const api = mockStewardshipApi({
      getEntityOwnership: () => new Promise(() => {}),
    });

    await renderWithApi(<EntityOwnershipContent />, api, {
      entity: testEntity,
    });

    expect(
      await screen.findByRole('progressbar', { name: 'Loading the owners' }),
    ).toBeInTheDocument();
  });

  it('shows the three roles with owners, sources, statuses and the fix', async () => {
    const api = mockStewardshipApi({
      getEntityOwnership: async ref =>
        ref === 'component:default/payments-api'
          ? ownership
          : Promise.reject(new Error(`unexpected ${ref}`)),
    });

    await renderWithApi(<EntityOwnershipContent />, api, {
      entity: testEntity,
    });

    // The state on load is a status, not an alert that interrupts a screen reader.
    expect(
      (
        await screen.findByText(
          '1 role needs attention: Engineering owner (missing).',
        )
      ).closest('[role]'),
    ).toHaveAttribute('role', 'status');
    expect(screen.queryByRole('alert')).toBeNull();

    expect(screen.getByText('Business owner')).toBeInTheDocument();
    expect(screen.getByText('Product owner')).toBeInTheDocument();
    expect(screen.getByText('Engineering owner')).toBeInTheDocument();

    // Resolved owners link to their catalog pages, with mail links.
    expect(screen.getByRole('link', { name: 'Jane Doe' })).toHaveAttribute(
      'href',
      '/catalog/default/user/jane',
    );
    expect(
      screen.getByRole('link', { name: 'jane@example.com' }),
    ).toHaveAttribute('href', 'mailto:jane@example.com');
    expect(
      screen.getByRole('link', { name: 'Payments Product' }),
    ).toHaveAttribute('href', '/catalog/default/group/payments-product');
    expect(screen.getByText('Group · 4 members')).toBeInTheDocument();

    // Where each role came from.
    expect(screen.getByText('Declared on this entity')).toBeInTheDocument();
    expect(
      screen.getByText(
        textContentMatcher('Inherited from system:default/payments'),
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'system:default/payments' }),
    ).toHaveAttribute('href', '/catalog/default/system/payments');

    // Status words are visible text a screen reader reads (not inside the aria-hidden icons).
    const words = [...screen.getAllByText('ok'), screen.getByText('missing')];
    expect(words).toHaveLength(3);
    for (const word of words) {
      expect(word.closest('[aria-hidden="true"]')).toBeNull();
    }

    // The problem, the fix and the exact annotation to add.
    expect(screen.getByText(engineeringMissing.problem!)).toBeInTheDocument();
    expect(screen.getByText(engineeringMissing.fix!)).toBeInTheDocument();
    expect(
      screen.getAllByText(
        textContentMatcher(
          'stewardship.io/engineering-owner: user:default/<name>',
        ),
      ).length,
    ).toBeGreaterThan(0);

    // spec.owner beside the roles.
    expect(screen.getByText('Owning team')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Payments Team' })).toHaveAttribute(
      'href',
      '/catalog/default/group/payments',
    );
  });

  it("names each failing role's copy button after the annotation it copies, and says Copied", async () => {
    // copy-to-clipboard selects the text and runs the copy command; jsdom has none, so record
    // what is selected when it runs.
    let copied: string | undefined;
    Object.defineProperty(document, 'execCommand', {
      value: jest.fn(() => {
        copied = document.getSelection()?.toString();
        return true;
      }),
      configurable: true,
    });
    const api = mockStewardshipApi({
      getEntityOwnership: async () => ({
        ...ownership,
        roles: [
          businessOk,
          {
            ...productInherited,
            status: 'invalid',
            owner: undefined,
            problem: 'group:default/nope is not in the catalog.',
          },
          engineeringMissing,
        ],
      }),
    });
    await renderWithApi(<EntityOwnershipContent />, api, {
      entity: testEntity,
    });

    const product = await screen.findByRole('button', {
      name: 'Copy the annotation for the product owner',
    });
    expect(
      screen.getByRole('button', {
        name: 'Copy the annotation for the engineering owner',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Copy text' })).toBeNull();
    const statuses = () =>
      screen
        .getAllByRole('status')
        .map(status => status.textContent)
        .filter(Boolean);
    expect(statuses()).toEqual([
      '2 roles need attention: Product owner (invalid), Engineering owner (missing).',
    ]);

    await userEvent.click(product);
    // The product owner's value is a group, so the snippet offers a group.
    expect(copied).toBe(
      'metadata:\n  annotations:\n    stewardship.io/product-owner: group:default/<name>',
    );
    expect(statuses()).toEqual([
      '2 roles need attention: Product owner (invalid), Engineering owner (missing).',
      'Copied',
    ]);
  });

  it('says so when every required role is in place', async () => {
    const api = mockStewardshipApi({
      getEntityOwnership: async () => ({
        ...ownership,
        compliant: true,
        roles: [
          businessOk,
          productInherited,
          { ...engineeringMissing, required: false },
        ],
      }),
    });

    await renderWithApi(<EntityOwnershipContent />, api, {
      entity: testEntity,
    });

    expect(
      (
        await screen.findByText('All required ownership roles are in place.')
      ).closest('[role]'),
    ).toHaveAttribute('role', 'status');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(
      screen.getByText('Optional role (not required)'),
    ).toBeInTheDocument();
  });

  it('names an owner the catalog hides from the viewer by its ref, unlinked, and says so', async () => {
    const api = mockStewardshipApi({
      getEntityOwnership: async () => ({
        ...ownership,
        roles: [
          {
            ...businessOk,
            owner: {
              entityRef: 'user:default/jane',
              kind: 'user' as const,
              displayName: 'jane',
              groupCount: 2,
              hidden: true,
            },
          },
          productInherited,
          engineeringMissing,
        ],
      }),
    });

    await renderWithApi(<EntityOwnershipContent />, api, {
      entity: testEntity,
    });

    expect(
      await screen.findByText(
        'user:default/jane (not visible to you in the catalog)',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /jane/i })).toBeNull();
    expect(screen.getByText('User · member of 2 groups')).toBeInTheDocument();
  });

  it('explains when the ownership policy does not cover the entity', async () => {
    const api = mockStewardshipApi({
      getEntityOwnership: async () => ({
        ...ownership,
        kind: 'resource',
        type: 'database',
        applies: false,
        compliant: true,
        roles: [],
      }),
    });

    await renderWithApi(<EntityOwnershipContent />, api, {
      entity: testEntity,
    });

    expect(
      await screen.findByText('Ownership is not checked for this entity'),
    ).toBeInTheDocument();
    // The tab's heading under the entity page's h1, not EmptyState's h5.
    expect(
      screen.getByRole('heading', {
        name: 'Ownership is not checked for this entity',
      }).tagName,
    ).toBe('H2');
    expect(
      screen.getByText(
        /does not cover this kind of entity \(resource of type database\).*stewardship\.ownership\.appliesTo/,
      ),
    ).toBeInTheDocument();
  });

  it('shows the server error when the request fails', async () => {
    const error = await backendError(404, 'No such entity');
    const api = mockStewardshipApi({
      getEntityOwnership: () => Promise.reject(error),
    });

    await renderWithApi(<EntityOwnershipContent />, api, {
      entity: testEntity,
    });

    expect(
      await screen.findByText(
        'Error: Could not read the owners: No such entity',
      ),
    ).toBeInTheDocument();
  });
});
