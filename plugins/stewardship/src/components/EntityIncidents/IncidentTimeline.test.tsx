import { screen, within } from '@testing-library/react';
import { entityPresentationApiRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider } from '@backstage/test-utils';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import { presentationWithTitles } from '../../__testUtils__/entityPresentation';
import { IncidentTimeline } from './IncidentTimeline';

/** The catalog's display names of the people and teams these tests name. */
const presentation = presentationWithTitles({
  'user:default/noah.davis': 'Noah Davis',
  'group:default/commerce': 'Commerce engineering',
});

const AT = '2026-11-30T12:00:00.000Z';

describe('IncidentTimeline', () => {
  it('names users and groups as the catalog does, linked, and services as recorded', async () => {
    await renderWithApi(
      <TestApiProvider apis={[[entityPresentationApiRef, presentation]]}>
        <h3 id="timeline-title">Timeline</h3>
        <IncidentTimeline
          titleId="timeline-title"
          entries={[
            {
              at: AT,
              type: 'created',
              actor: 'stewardship-demo-seed',
              message: 'Recorded as SEV2, triggered',
            },
            {
              at: AT,
              type: 'status',
              actor: 'user:default/noah.davis',
              message: 'Status triggered → acknowledged',
            },
            {
              at: AT,
              type: 'note',
              actor: 'group:default/commerce',
              message: 'Rolled back',
            },
            {
              at: AT,
              type: 'note',
              actor: 'pagerduty:Ada',
              message: 'Paged',
            },
          ]}
        />
      </TestApiProvider>,
      mockStewardshipApi(),
    );
    const items = within(
      screen.getByRole('list', { name: 'Timeline' }),
    ).getAllByRole('listitem');
    expect(items.map(item => item.textContent)).toEqual([
      '2026-11-30 12:00 UTC · Recorded · by stewardship-demo-seed: Recorded as SEV2, triggered',
      '2026-11-30 12:00 UTC · Status · by Noah Davis: Status triggered → acknowledged',
      '2026-11-30 12:00 UTC · Note · by Commerce engineering: Rolled back',
      '2026-11-30 12:00 UTC · Note · by pagerduty:Ada: Paged',
    ]);
    expect(
      within(items[1]).getByRole('link', { name: 'Noah Davis' }),
    ).toHaveAttribute('href', '/catalog/default/user/noah.davis');
    expect(
      within(items[2]).getByRole('link', { name: 'Commerce engineering' }),
    ).toHaveAttribute('href', '/catalog/default/group/commerce');
    // A service's subject, or another system's name, is not a person to link to.
    expect(within(items[0]).queryByRole('link')).toBeNull();
    expect(within(items[3]).queryByRole('link')).toBeNull();
  });
});

describe('IncidentTimeline, action items', () => {
  /** The timeline of these action-item messages, as stored, by one user. */
  const renderMessages = (messages: string[]) =>
    renderWithApi(
      <TestApiProvider apis={[[entityPresentationApiRef, presentation]]}>
        <h3 id="timeline-title">Timeline</h3>
        <IncidentTimeline
          titleId="timeline-title"
          entries={messages.map(message => ({
            at: AT,
            type: 'action-item',
            actor: 'stewardship-demo-seed',
            message,
          }))}
        />
      </TestApiProvider>,
      mockStewardshipApi(),
    );
  const messageTexts = () =>
    within(screen.getByRole('list', { name: 'Timeline' }))
      .getAllByRole('listitem')
      .map(item =>
        item.textContent?.replace(/^.* by stewardship-demo-seed: /, ''),
      );

  it('names an added item’s owner as the action items do, linked to its page', async () => {
    await renderMessages([
      'Action item "Roll back 4.12" added for group:default/commerce, due 2026-12-12',
      'Action item "Page the on-call" added for user:default/noah.davis',
    ]);
    expect(messageTexts()).toEqual([
      'Action item "Roll back 4.12" added for Commerce engineering, due 2026-12-12',
      'Action item "Page the on-call" added for Noah Davis',
    ]);
    const items = within(
      screen.getByRole('list', { name: 'Timeline' }),
    ).getAllByRole('listitem');
    expect(
      within(items[0]).getByRole('link', { name: 'Commerce engineering' }),
    ).toHaveAttribute('href', '/catalog/default/group/commerce');
    expect(
      within(items[1]).getByRole('link', { name: 'Noah Davis' }),
    ).toHaveAttribute('href', '/catalog/default/user/noah.davis');
  });

  it('leaves a ref in the title, and any other message, as written', async () => {
    const asWritten = [
      // The owner after the title is named; the ref inside the quotes is the title's text.
      'Action item "Ask for group:default/commerce" added',
      'Action item "Ask for group:default/commerce, due 2026-12-12" added, due 2026-12-12',
      'Action item "Tell x" added for group:default/commerce" added',
      'Action item "Roll back 4.12" changed (ownerRef)',
      'Action item "Roll back 4.12" added',
    ];
    await renderMessages([
      ...asWritten,
      'Action item "Ask for user:default/noah.davis" added for group:default/commerce',
    ]);
    expect(messageTexts()).toEqual([
      ...asWritten,
      'Action item "Ask for user:default/noah.davis" added for Commerce engineering',
    ]);
    const list = within(screen.getByRole('list', { name: 'Timeline' }));
    expect(list.getAllByRole('link').map(l => l.getAttribute('href'))).toEqual([
      '/catalog/default/group/commerce',
    ]);
  });
});
