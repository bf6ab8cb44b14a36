import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { BacklogProviderState } from '@stewardship/backstage-plugin-stewardship-common';
import { BacklogProviderStates } from './BacklogProviderStates';

const readAt = '2026-11-30T12:00:00.000Z';

describe('BacklogProviderStates', () => {
  it('says what was read from where, and when a tracker had more', async () => {
    const providers: BacklogProviderState[] = [
      { provider: 'slos', title: 'SLOs', status: 'ok', itemCount: 1, readAt },
      {
        provider: 'github',
        title: 'GitHub',
        status: 'ok',
        itemCount: 500,
        truncated: true,
        readAt,
      },
    ];
    await renderInTestApp(<BacklogProviderStates providers={providers} />);
    expect(
      screen.getByText(
        'Read from SLOs: 1 item; GitHub: 500 items (only the first ones; it has more open), as of 2026-11-30 12:00 UTC (cached briefly).',
      ),
    ).toBeInTheDocument();
  });

  it('says how many items a provider sent without a readable creation date', async () => {
    await renderInTestApp(
      <BacklogProviderStates
        providers={[
          {
            provider: 'tickets',
            title: 'Tickets',
            status: 'ok',
            itemCount: 3,
            undated: 2,
            readAt,
          },
        ]}
      />,
    );
    expect(
      screen.getByText(
        'Read from Tickets: 3 items (2 items left out: no readable creation date), as of 2026-11-30 12:00 UTC (cached briefly).',
      ),
    ).toBeInTheDocument();
  });

  it('names a rate-limited tracker with its wait and the settings to check', async () => {
    await renderInTestApp(
      <BacklogProviderStates
        providers={[
          {
            provider: 'github',
            title: 'GitHub',
            status: 'error',
            message: 'GitHub: rate limited, retry after 30 s',
            kind: 'rate-limited',
            retryAfterSeconds: 30,
            itemCount: 0,
            readAt,
          },
        ]}
      />,
    );
    expect(
      screen.getByText('GitHub: rate limited, retry after 30 s'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/It asked to wait 30 s before the next read/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Check the GitHub settings in app-config.yaml (see the README of @stewardship/backstage-plugin-stewardship-backend, section “Backlog”):',
      ),
    ).toBeInTheDocument();
    expect(document.body).toHaveTextContent('token: ${GITHUB_TOKEN}');
    expect(screen.getByText(/No source could be read/)).toBeInTheDocument();
  });

  describe('says what to check by the kind of failure', () => {
    const DOCS =
      'the README of @stewardship/backstage-plugin-stewardship-backend, section “Backlog”';
    const failed = (
      state: Partial<BacklogProviderState>,
    ): BacklogProviderState => ({
      provider: 'jira',
      title: 'Jira',
      status: 'error',
      message: 'Jira: something',
      itemCount: 0,
      readAt,
      ...state,
    });

    it.each<[string, Partial<BacklogProviderState>, string]>([
      [
        'unreachable, with how long the answer is cached',
        { kind: 'unreachable', cachedForSeconds: 60 },
        `Jira could not be reached or did not answer in time: it may be down, or the network in between; the settings need not be wrong. It is read again on the next visit (after the cache, 60 s). If it stays so, check stewardship.backlog.jira.baseUrl and product (see ${DOCS}).`,
      ],
      [
        'unreachable, answers not cached',
        { kind: 'unreachable' },
        `Jira could not be reached or did not answer in time: it may be down, or the network in between; the settings need not be wrong. It is read again on the next visit. If it stays so, check stewardship.backlog.jira.baseUrl and product (see ${DOCS}).`,
      ],
      [
        'unavailable',
        {
          provider: 'github',
          title: 'GitHub',
          kind: 'unavailable',
          cachedForSeconds: 30,
        },
        'GitHub answered with a server error: it may be down or overloaded; the settings need not be wrong. It is read again on the next visit (after the cache, 30 s).',
      ],
      [
        'rejected (Jira)',
        { kind: 'rejected' },
        `Check the credentials in app-config.yaml: stewardship.backlog.jira.email and apiToken (Jira Cloud) or token (Data Center), and that they may read what the entity names (see ${DOCS}).`,
      ],
      [
        'rejected (GitHub)',
        { provider: 'github', title: 'GitHub', kind: 'rejected' },
        `Check the credentials in app-config.yaml: the token (or GitHub App) of the integrations.github entry for the repository's host, and that they may read what the entity names (see ${DOCS}).`,
      ],
      [
        "rejected (a module's tracker)",
        { provider: 'linear', title: 'Linear', kind: 'rejected' },
        "Check the Linear credentials in the backend's settings, and that they may read what the entity names.",
      ],
      [
        'not-found (Jira)',
        { kind: 'not-found' },
        "Check the entity's annotation jira/project-key or jira/all-issues-jql in its catalog-info.yaml; if every entity's Jira read fails so, check stewardship.backlog.jira.baseUrl and product (see the README of @stewardship/backstage-plugin-stewardship-backend, section “Backlog”).",
      ],
      [
        'invalid-annotation (GitHub)',
        { provider: 'github', title: 'GitHub', kind: 'invalid-annotation' },
        "Check the entity's annotation github.com/project-slug in its catalog-info.yaml.",
      ],
      [
        "not-found (a module's tracker)",
        { provider: 'linear', title: 'Linear', kind: 'not-found' },
        "Check the entity's annotations for Linear in its catalog-info.yaml; if every entity's Linear read fails so, check the Linear settings.",
      ],
      [
        'bad-request (Jira)',
        { kind: 'bad-request' },
        "Check the entity's annotation jira/project-key, jira/component, jira/label or jira/all-issues-jql in its catalog-info.yaml: Jira refused the request they make.",
      ],
      [
        'moved (GitHub)',
        { provider: 'github', title: 'GitHub', kind: 'moved' },
        `Update the entity's annotation github.com/project-slug in its catalog-info.yaml, or the apiBaseUrl of the integrations.github entry for the repository's host if the whole server moved (see ${DOCS}).`,
      ],
      [
        'bad-answer (Jira)',
        { kind: 'bad-answer' },
        `Jira answered something that is not its API's answer: check that stewardship.backlog.jira.baseUrl and product point at its API (see ${DOCS}).`,
      ],
    ])('%s: no settings snippet', async (_kind, state, text) => {
      await renderInTestApp(
        <BacklogProviderStates providers={[failed(state)]} />,
      );
      expect(screen.getByText(text)).toBeInTheDocument();
      expect(document.body).not.toHaveTextContent('your-company');
      expect(document.body).not.toHaveTextContent('${GITHUB_TOKEN}');
      expect(document.body).not.toHaveTextContent(/Check the \w+ settings/);
      expect(
        screen.getByText(
          /The backlog is partial: .*'s items are missing from the figures and the list; the other sources are shown\./,
        ),
      ).toBeInTheDocument();
    });

    it('not-configured: the settings to add, with the snippet', async () => {
      await renderInTestApp(
        <BacklogProviderStates
          providers={[
            failed({
              message:
                'Jira: not configured (set stewardship.backlog.jira.baseUrl)',
              kind: 'not-configured',
            }),
          ]}
        />,
      );
      expect(
        screen.getByText(
          `Check the Jira settings in app-config.yaml (see ${DOCS}):`,
        ),
      ).toBeInTheDocument();
      expect(document.body).toHaveTextContent(
        'baseUrl: https://your-company.atlassian.net',
      );
    });

    it('no kind: the settings and that it is reachable, never that they are wrong', async () => {
      await renderInTestApp(
        <BacklogProviderStates
          providers={[
            failed({}),
            failed({
              provider: 'linear',
              title: 'Linear',
              message: 'Linear: odd',
            }),
          ]}
        />,
      );
      expect(
        screen.getByText(
          `Check the Jira settings and that it is reachable (see ${DOCS}):`,
        ),
      ).toBeInTheDocument();
      expect(document.body).toHaveTextContent(
        'baseUrl: https://your-company.atlassian.net',
      );
      expect(
        screen.getByText('Check the Linear settings and that it is reachable.'),
      ).toBeInTheDocument();
      expect(document.body).not.toHaveTextContent(
        'settings in app-config.yaml',
      );
    });

    it.each<[string, Partial<BacklogProviderState>, string, string]>([
      [
        'the SLOs',
        {
          provider: 'slos',
          title: 'SLOs',
          message: 'SLOs: database unavailable',
          cachedForSeconds: 60,
        },
        "SLO breaches are read from the Stewardship backend's own database, not from a tracker: no setting or annotation of the entity is at fault. It is read again on the next visit (after the cache, 60 s). Meanwhile the SLOs tab shows each SLO's budget; if the failure stays, the backend's log has a line for each failed read.",
        'The backlog is partial: SLO breaches are missing from the figures and the list; the other sources are shown.',
      ],
      [
        'the incident action items, timed out',
        {
          provider: 'incident-action-items',
          title: 'Incident action items',
          message: 'Incident action items: no answer within 10 s',
          kind: 'unreachable',
        },
        "Incident action items are read from the Stewardship backend's own database, not from a tracker: no setting or annotation of the entity is at fault. It is read again on the next visit. Meanwhile the Incidents section of the SLOs tab lists them; if the failure stays, the backend's log has a line for each failed read.",
        'The backlog is partial: incident action items are missing from the figures and the list; the other sources are shown.',
      ],
    ])(
      'a built-in source (%s): no tracker settings to check',
      async (_source, state, text, partial) => {
        await renderInTestApp(
          <BacklogProviderStates providers={[failed(state)]} />,
        );
        expect(screen.getByText(text)).toBeInTheDocument();
        expect(screen.getByRole('status')).toHaveTextContent(partial);
        // There are no settings for SLOs or incidents, let alone a snippet of them.
        expect(document.body).not.toHaveTextContent(/Check the/);
        expect(document.body).not.toHaveTextContent(/settings/);
      },
    );
  });
});
