import { screen, within } from '@testing-library/react';
import { entityPresentationApiRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider } from '@backstage/test-utils';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import { presentationWithTitles } from '../../__testUtils__/entityPresentation';
import { SloChanges } from './SloChanges';

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

  it('says when the changes cannot be read', async () => {
    await renderWithApi(
      <SloChanges sloId="s1" version={1} />,
      mockStewardshipApi({
        listSloRevisions: async () => {
          throw new Error('HTTP 503');
        },
      }),
    );
    expect(
      await screen.findByText('The changes could not be read: HTTP 503'),
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
