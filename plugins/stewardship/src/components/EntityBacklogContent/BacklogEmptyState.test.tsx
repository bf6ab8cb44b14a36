import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { BacklogProviderState } from '@stewardship/backstage-plugin-stewardship-common';
import { BacklogEmptyState } from './BacklogEmptyState';

const readAt = '2026-11-30T12:00:00.000Z';
const slosFailed: BacklogProviderState = {
  provider: 'slos',
  title: 'SLOs',
  status: 'error',
  message: 'SLOs: database unavailable',
  itemCount: 0,
  readAt,
};
const actionItemsOk: BacklogProviderState = {
  provider: 'incident-action-items',
  title: 'Incident action items',
  status: 'ok',
  itemCount: 0,
  readAt,
};
const jira = (status: 'ok' | 'error'): BacklogProviderState => ({
  provider: 'jira',
  title: 'Jira',
  status,
  ...(status === 'error' && { message: 'Jira: token rejected (HTTP 401)' }),
  itemCount: 0,
  readAt,
});

describe('BacklogEmptyState', () => {
  const alts = () =>
    screen.getAllByRole('img').map(img => img.getAttribute('alt'));

  it('with a tracker named and nothing open, its picture says there is no information, not "no Build"', async () => {
    await renderInTestApp(
      <BacklogEmptyState
        annotations={{ selecting: ['jira/project-key'], narrowingOnly: [] }}
        providers={[]}
      />,
    );
    expect(screen.getByText('No open work items')).toBeInTheDocument();
    expect(alts()).toEqual(['no Information']);
  });

  it('without a tracker, its picture says the annotation is missing', async () => {
    await renderInTestApp(
      <BacklogEmptyState
        annotations={{ selecting: [], narrowingOnly: [] }}
        providers={[]}
      />,
    );
    expect(
      screen.getByText('No issue tracker for this entity'),
    ).toBeInTheDocument();
    expect(alts()).toEqual(['annotation is missing']);
  });

  describe('when the SLOs could not be read, never says that no SLO is breached', () => {
    it('without a tracker', async () => {
      await renderInTestApp(
        <BacklogEmptyState
          annotations={{ selecting: [], narrowingOnly: [] }}
          providers={[slosFailed, actionItemsOk]}
        />,
      );
      expect(
        screen.getByText(
          "SLO breaches could not be read (see above); the SLOs tab shows each SLO's budget. No incident action item is open. To list the team's issues here too, name the tracker in the entity's catalog-info.yaml.",
        ),
      ).toBeInTheDocument();
      expect(document.body).not.toHaveTextContent(/no SLO is/i);
    });

    it('with a tracker that was read', async () => {
      await renderInTestApp(
        <BacklogEmptyState
          annotations={{ selecting: ['jira/project-key'], narrowingOnly: [] }}
          providers={[slosFailed, actionItemsOk, jira('ok')]}
        />,
      );
      expect(
        screen.getByText(
          "SLO breaches could not be read (see above); the SLOs tab shows each SLO's budget. The tracker (jira/project-key) has no open issue and no incident action item is open.",
        ),
      ).toBeInTheDocument();
      // Jira was read: the empty state does not blame it.
      expect(document.body).not.toHaveTextContent(
        /tracker .*could not be read/,
      );
      expect(document.body).not.toHaveTextContent(/no SLO is/i);
    });

    it('with the tracker failed too', async () => {
      await renderInTestApp(
        <BacklogEmptyState
          annotations={{ selecting: ['jira/project-key'], narrowingOnly: [] }}
          providers={[slosFailed, actionItemsOk, jira('error')]}
        />,
      );
      expect(
        screen.getByText(
          "SLO breaches could not be read (see above); the SLOs tab shows each SLO's budget. Jira could not be read (see above). No incident action item is open.",
        ),
      ).toBeInTheDocument();
    });
  });

  it('with only the tracker failed, still says that nothing is breached or open', async () => {
    await renderInTestApp(
      <BacklogEmptyState
        annotations={{ selecting: ['jira/project-key'], narrowingOnly: [] }}
        providers={[
          { ...slosFailed, status: 'ok', message: undefined },
          actionItemsOk,
          jira('error'),
        ]}
      />,
    );
    expect(screen.getByText('No open items could be read')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Jira could not be read (see above). No SLO is exhausted or at risk and no incident action item is open.',
      ),
    ).toBeInTheDocument();
  });
});
