import { screen } from '@testing-library/react';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import { SloChanges, revisionText } from './SloChanges';

describe('SloChanges', () => {
  it('lists who changed what when, newest first', async () => {
    await renderWithApi(
      <SloChanges sloId="s1" version={3} />,
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
            actor: 'user:default/joe',
            at: '2026-11-02T10:30:00.000Z',
            changedFields: ['alertPolicies', 'objective'],
          },
        ],
      }),
    );
    const items = await screen.findAllByRole('listitem');
    expect(items.map(item => item.textContent)).toEqual([
      'Version 2: alertPolicies, objective changed by user:default/joe on 2026-11-02 10:30 UTC',
      'Version 1: created by user:default/jane on 2026-11-01 09:00 UTC',
    ]);
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
    expect(
      revisionText({
        version: 4,
        action: 'deleted',
        actor: 'user:default/jane',
        at: '2026-11-03T00:00:00.000Z',
        changedFields: [],
      }),
    ).toBe('Version 4: deleted by user:default/jane on 2026-11-03 00:00 UTC');
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
