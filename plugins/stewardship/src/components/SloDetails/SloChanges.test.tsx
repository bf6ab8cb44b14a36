import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { entityPresentationApiRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider } from '@backstage/test-utils';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import { presentationWithTitles } from '../../__testUtils__/entityPresentation';
import { SloChanges } from './SloChanges';
import { backendError } from './__fixtures__';

/** The catalog's display names of the people these tests name. */
const presentation = presentationWithTitles({
  'user:default/jane': 'Jane Doe',
});

describe('SloChanges', () => {
  it('lists who changed what when, newest first', async () => {
    await renderWithApi(
      <TestApiProvider apis={[[entityPresentationApiRef, presentation]]}>
        <SloChanges sloId="s1" version={4} />
      </TestApiProvider>,
      mockStewardshipApi({
        listSloRevisions: async () => [
          {
            version: 1,
            action: 'created',
            actor: 'user:default/jane',
            at: '2026-11-01T09:00:00.000Z',
            changedFields: [],
          },
          {
            version: 2,
            action: 'updated',
            actor: 'stewardship-demo-seed',
            at: '2026-11-02T10:30:00.000Z',
            changedFields: ['alertPolicies', 'objective'],
          },
          {
            version: 3,
            action: 'updated',
            actor: 'user:default/jane',
            at: '2026-11-03T00:00:00.000Z',
            changedFields: [],
          },
          {
            version: 4,
            action: 'deleted',
            actor: 'external:ci-bot',
            at: '2026-11-04T00:00:00.000Z',
            changedFields: [],
          },
        ],
      }),
    );
    const items = await screen.findAllByRole('listitem');
    expect(items.map(item => item.textContent)).toEqual([
      'Version 4: deleted by external:ci-bot on 2026-11-04 00:00 UTC',
      'Version 3: saved without changes by Jane Doe on 2026-11-03 00:00 UTC',
      'Version 2: alertPolicies, objective changed by stewardship-demo-seed on 2026-11-02 10:30 UTC',
      'Version 1: created by Jane Doe on 2026-11-01 09:00 UTC',
    ]);
    // A user links to their catalog page; a service's subject is plain text.
    expect(
      within(items[3]).getByRole('link', { name: 'Jane Doe' }),
    ).toHaveAttribute('href', '/catalog/default/user/jane');
    expect(within(items[2]).queryByRole('link')).toBeNull();
    expect(within(items[0]).queryByRole('link')).toBeNull();
  });

  it('says when the changes cannot be read, in the backend’s words, with Try again', async () => {
    let calls = 0;
    await renderWithApi(
      <SloChanges sloId="s1" version={1} />,
      mockStewardshipApi({
        listSloRevisions: async () => {
          calls++;
          if (calls === 1) {
            throw await backendError(404, 'Not Found', 'No SLO with id s1');
          }
          return [];
        },
      }),
    );
    expect(
      await screen.findByText(
        'Error: Could not read the changes: No SLO with id s1',
      ),
    ).toBeInTheDocument();
    // Not ResponseError's own message, which loses the backend's sentence.
    expect(screen.queryByText(/Request failed with/)).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByText('No change is recorded for this SLO.'),
    ).toBeInTheDocument();
    expect(calls).toBe(2);
  });

  it('says to sign in again when the session has ended', async () => {
    await renderWithApi(
      <SloChanges sloId="s1" version={1} />,
      mockStewardshipApi({
        listSloRevisions: async () => {
          throw await backendError(401, 'Unauthorized', 'Illegal token');
        },
      }),
    );
    expect(
      await screen.findByText(
        'Error: Could not read the changes: You are not signed in, or your session has ended (401 Unauthorized): reload the page to sign in again',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Try again' }),
    ).toBeInTheDocument();
  });

  it('says when no change is recorded, rather than an empty card', async () => {
    await renderWithApi(
      <SloChanges sloId="s1" version={1} />,
      mockStewardshipApi({ listSloRevisions: async () => [] }),
    );
    expect(
      await screen.findByText('No change is recorded for this SLO.'),
    ).toBeInTheDocument();
  });
});
