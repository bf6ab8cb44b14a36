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
    expect(document.body).toHaveTextContent('token: ${GITHUB_TOKEN}');
    expect(screen.getByText(/No source could be read/)).toBeInTheDocument();
  });
});
