import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PlanningReview } from '@stewardship/backstage-plugin-stewardship-common';
import { stewardshipApiRef } from '../../api';
import { backendError } from '../../__testUtils__/backendError';
import { mockStewardshipApi } from '../../__testUtils__/renderWithApi';
import { PlanningReviewContent } from './PlanningReviewContent';
import { GROUP_REVIEW, REVIEW } from './reviewFixture';
import { downloadText } from '../downloadText';
import { untilButtonMounted } from '../../__testUtils__/untilMounted';

jest.mock('../downloadText', () => ({ downloadText: jest.fn() }));

const entity = (
  kind: string,
  name: string,
  title?: string,
  children: string[] = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', ...(title && { title }) },
  spec: {},
  relations: children.map(child => ({
    type: 'parentOf',
    targetRef: `group:default/${child}`,
  })),
});

const NOW = new Date('2026-11-30T12:00:00Z');

function render(getPlanningReview: jest.Mock, route = '/stewardship/review') {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [stewardshipApiRef, mockStewardshipApi({ getPlanningReview })],
        [
          catalogApiRef,
          catalogApiMock({
            entities: [
              entity('System', 'payment-processing', 'Payment processing'),
              entity('Domain', 'commerce'),
              entity('Group', 'payments'),
              entity('Group', 'acme', 'Acme Corp', ['platform', 'payments']),
              entity('Group', 'platform', 'Platform Team'),
              entity('Component', 'not-a-scope'),
            ],
          }),
        ],
      ]}
    >
      <PlanningReviewContent now={() => NOW} />
    </TestApiProvider>,
    {
      routeEntries: [route],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

/** The page's status lines that say something. */
const statusLines = () =>
  screen
    .getAllByRole('status')
    .map(s => s.textContent)
    .filter(Boolean);

/** A promise the test settles when it chooses: an answer still on its way. */
function held<T>() {
  let settle: (value: T) => void = () => {};
  const promise = new Promise<T>(resolve => {
    settle = resolve;
  });
  return { promise, settle };
}

/**
 * The line a scope or period change should bring, counted here from the rows of the review
 * shown: its entities, how many of those whose kind can have SLOs met them, the others apart
 * when there are any, and the ownership gaps without the unconfirmed roles (the summary's cards).
 */
function shownLine(review: PlanningReview): string {
  const { rows } = review;
  const apart = rows.filter(r => r.objectives === 'not-applicable').length;
  const met = rows.filter(r => r.objectives === 'met').length;
  const gaps = rows
    .flatMap(r => r.ownershipGaps ?? [])
    .filter(gap => !gap.attestation).length;
  return `Showing ${rows.length} ${
    rows.length === 1 ? 'entity' : 'entities'
  }: ${met} of ${rows.length - apart} met, ${
    apart ? `${apart} cannot have SLOs, ` : ''
  }${gaps} ownership gap${gaps === 1 ? '' : 's'}.`;
}

const PLATFORM = 'group:default/platform';

describe('PlanningReviewContent', () => {
  it('asks for a scope first, offering systems, domains and groups only', async () => {
    const getPlanningReview = jest.fn();
    await render(getPlanningReview);
    expect(screen.getByText('Pick a scope to review')).toBeInTheDocument();
    const scope = screen.getByLabelText('Scope');
    await screen.findByRole('option', {
      name: 'Payment processing (system:default/payment-processing)',
    });
    const options = within(scope)
      .getAllByRole('option')
      .map(o => o.textContent);
    expect(options).toEqual([
      'Pick a system, domain or group',
      'Payment processing (system:default/payment-processing)',
      'commerce (domain:default/commerce)',
      'Acme Corp (group:default/acme)',
      'payments (group:default/payments)',
      'Platform Team (group:default/platform)',
    ]);
    expect(getPlanningReview).not.toHaveBeenCalled();
  });

  it('shows the scope of the URL in the picker, whatever its case, or as written when unlisted', async () => {
    const getPlanningReview = jest.fn().mockResolvedValue(REVIEW);
    const picked = () =>
      (screen.getByLabelText('Scope') as HTMLSelectElement).selectedOptions[0]
        .textContent;
    const { unmount } = await render(
      getPlanningReview,
      '/stewardship/review?scope=System:Default/payment-processing',
    );
    await waitFor(() =>
      expect(picked()).toBe(
        'Payment processing (system:default/payment-processing)',
      ),
    );
    unmount();
    await render(getPlanningReview, '/stewardship/review?scope=billing');
    await screen.findByRole('option', {
      name: 'Payment processing (system:default/payment-processing)',
    });
    expect(picked()).toBe('billing');
  });

  it('reviews the scope in the URL over the preset, with the summary and the tables', async () => {
    const getPlanningReview = jest.fn().mockResolvedValue(REVIEW);
    await render(
      getPlanningReview,
      '/stewardship/review?scope=system:default/payment-processing&period=quarter-to-date',
    );
    expect(await screen.findByText('1 of 2 met')).toBeInTheDocument();
    // Up to the backend's now: no `to` (the browser's clock may run ahead of the backend's).
    expect(getPlanningReview).toHaveBeenCalledWith(
      {
        scope: 'system:default/payment-processing',
        from: new Date('2026-10-01T00:00:00Z'),
      },
      { signal: expect.any(AbortSignal) },
    );
    expect(getPlanningReview.mock.calls[0][0].to).toBeUndefined();
    expect(
      screen.getByText(
        '42.25 % of "Availability" (component:default/payments-api): Card declines',
      ),
    ).toBeInTheDocument();
    // The scope and the period, in the one instant format of every Stewardship page.
    const period = screen.getByText(
      /2026-10-31 00:00 UTC to 2026-11-30 00:00 UTC\./,
    );
    expect(
      within(period).getByRole('link', { name: 'payment-processing' }),
    ).toHaveAttribute('href', '/catalog/default/system/payment-processing');
    // The gaps as the scorecard counts them (the backend's summary says 3 in 2 entities, ledger's
    // unconfirmed role included), the unconfirmed role apart.
    expect(screen.getByText('2 gaps')).toBeInTheDocument();
    expect(screen.getByText('in 1 of 2 entities')).toBeInTheDocument();
    expect(screen.getByText('1 missing, 1 invalid')).toBeInTheDocument();
    expect(screen.getByText('1 role not confirmed')).toBeInTheDocument();
    // What "met" means, on the page.
    expect(
      screen.getByText(
        "Met: every SLO with a budget figure had budget left (≥ 0) at the period's end; the status beside it is its SLOs' worst at the end.",
      ),
    ).toBeInTheDocument();
    // payments-api has an open incident, whose cost is stored once it is resolved.
    expect(
      screen.getByText(
        'Budget costs are counted once an incident is resolved: 1 incident of the period has no cost yet.',
      ),
    ).toBeInTheDocument();
    // In words, not colour: the objectives (with the status at the end) and the gate of each entity.
    expect(
      screen.getByText('Missed (at the end: exhausted)'),
    ).toBeInTheDocument();
    expect(screen.getByText('Met (at the end: healthy)')).toBeInTheDocument();
    expect(
      screen.getByText('product missing, engineering invalid'),
    ).toBeInTheDocument();
    // A backlog never read says what to do, and links to it, naming the entity (no title: its
    // short ref).
    const notRead = screen.getByRole('link', {
      name: 'open its Backlog tab (ledger)',
    });
    expect(notRead).toHaveAttribute(
      'href',
      '/catalog/default/component/ledger/backlog',
    );
    expect(notRead.parentElement).toHaveTextContent(
      'not read yet: open its Backlog tab',
    );
    // Counted over its own calendar's month, and saying so: its attainment and its worst burn.
    expect(
      screen.getByText(
        "75 % of 4 evaluations, counted from 2026-10-31 23:00 UTC to 2026-11-29 23:00 UTC by its time zone's calendar",
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        "14.4×, counted from 2026-10-31 23:00 UTC to 2026-11-29 23:00 UTC by its time zone's calendar",
      ),
    ).toBeInTheDocument();
    // Its budget as of its own calendar's end, and saying so.
    expect(
      screen.getByText(
        "-12.5 % (missed), read as of 2026-11-29 23:00 UTC by its time zone's calendar",
      ),
    ).toBeInTheDocument();
    // Links into the entity's tabs, each named with its entity: the tab's name first, as shown.
    expect(
      screen
        .getAllByRole('link', { name: 'SLOs of Payments API' })
        .map(l => l.getAttribute('href')),
    ).toEqual([
      '/catalog/default/component/payments-api/slos',
      '/catalog/default/component/payments-api/slos',
    ]);
    expect(
      screen.getAllByRole('link', { name: 'Ownership of ledger' }),
    ).toHaveLength(2);
    expect(screen.queryByRole('link', { name: 'SLOs' })).toBeNull();
    // On one line in every table, however many columns squeeze the entity column.
    for (const link of screen.getAllByRole('link', { name: /^SLOs of / })) {
      expect(link.parentElement).toHaveStyle({ whiteSpace: 'nowrap' });
    }
  });

  it('says what a new scope or period shows once it is shown, and nothing on the first load', async () => {
    const platform = held<PlanningReview>();
    // The platform team's review, then another period's: two answers the page tells apart.
    const platformReview = { ...GROUP_REVIEW, scope: PLATFORM };
    const platformQuarter = { ...REVIEW, scope: PLATFORM };
    const quarterStart = Date.parse('2026-10-01T00:00:00Z');
    const getPlanningReview = jest.fn(
      async (query: { scope: string; from?: Date }) => {
        if (query.scope !== PLATFORM) return REVIEW;
        // The last 30 days are asked for without a start (the backend's default).
        return query.from?.getTime() === quarterStart
          ? platformQuarter
          : platform.promise;
      },
    );
    await render(
      getPlanningReview,
      '/stewardship/review?scope=system:default/payment-processing',
    );
    await screen.findByText('1 of 2 met');
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(statusLines()).toEqual([]);

    await screen.findByRole('option', {
      name: 'Platform Team (group:default/platform)',
    });
    await userEvent.selectOptions(screen.getByLabelText('Scope'), PLATFORM);
    await waitFor(() => expect(getPlanningReview).toHaveBeenCalledTimes(2));
    await new Promise(resolve => setTimeout(resolve, 100));
    // The team's review is on its way (the page waits for it, the system's is gone): nothing to
    // say yet.
    expect(screen.queryByText('1 of 2 met')).toBeNull();
    expect(statusLines()).toEqual([]);

    platform.settle(platformReview);
    await waitFor(() =>
      expect(statusLines()).toEqual([shownLine(platformReview)]),
    );
    expect(
      screen.getByText(
        /3 entities cannot have SLOs \(domain, resource, group\)/,
      ),
    ).toBeInTheDocument();

    await userEvent.selectOptions(
      screen.getByLabelText('Period'),
      'quarter-to-date',
    );
    await waitFor(() =>
      expect(statusLines()).toEqual([shownLine(platformQuarter)]),
    );
    expect(getPlanningReview).toHaveBeenLastCalledWith(
      { scope: PLATFORM, from: new Date(quarterStart) },
      { signal: expect.any(AbortSignal) },
    );
  });

  it('says what the first scope picked shows', async () => {
    await render(jest.fn().mockResolvedValue(GROUP_REVIEW));
    expect(statusLines()).toEqual([]);
    await screen.findByRole('option', {
      name: 'Platform Team (group:default/platform)',
    });
    await userEvent.selectOptions(screen.getByLabelText('Scope'), PLATFORM);
    await waitFor(() =>
      expect(statusLines()).toEqual([shownLine(GROUP_REVIEW)]),
    );
  });

  it('prints the tables without their paging bar', async () => {
    await render(
      jest.fn().mockResolvedValue(REVIEW),
      '/stewardship/review?scope=system:default/payment-processing',
    );
    await screen.findByText('1 of 2 met');
    const css = Array.from(document.querySelectorAll('style'))
      .map(style => style.textContent)
      .join('\n');
    // Within the print rules (up to the next at-rule), not only somewhere in the page's CSS.
    expect(css).toMatch(
      /@media print\s*\{[^@]*\.stewardship-review tfoot\s*\{\s*display: none !important;/,
    );
  });

  it('downloads the review as CSV and as Markdown', async () => {
    const saved = downloadText as jest.Mock;
    await render(
      jest.fn().mockResolvedValue(REVIEW),
      '/stewardship/review?scope=system:default/payment-processing',
    );
    await screen.findByText('1 of 2 met');
    fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    // Said for screen readers, whose users hear nothing of the browser's download.
    expect(
      await screen.findByText(
        'Downloading planning-review-system-default-payment-processing-2026-11-30.csv.',
      ),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Download Markdown' }));
    expect(
      await screen.findByText(
        'Downloading planning-review-system-default-payment-processing-2026-11-30.md.',
      ),
    ).toBeInTheDocument();
    expect(saved.mock.calls.map(call => [call[1], call[2]])).toEqual([
      [
        'planning-review-system-default-payment-processing-2026-11-30.csv',
        'text/csv',
      ],
      [
        'planning-review-system-default-payment-processing-2026-11-30.md',
        'text/markdown',
      ],
    ]);
    expect(saved.mock.calls[0][0]).toContain(
      'component:default/payments-api,missed',
    );
  });

  it("downloads the review's SLOs as a CSV of their own", async () => {
    const saved = downloadText as jest.Mock;
    saved.mockClear();
    await render(
      jest.fn().mockResolvedValue(REVIEW),
      '/stewardship/review?scope=system:default/payment-processing',
    );
    await screen.findByText('1 of 2 met');
    fireEvent.click(screen.getByRole('button', { name: 'Download SLOs CSV' }));
    expect(
      await screen.findByText(
        'Downloading planning-review-system-default-payment-processing-2026-11-30-slos.csv.',
      ),
    ).toBeInTheDocument();
    expect(saved.mock.calls.map(call => [call[1], call[2]])).toEqual([
      [
        'planning-review-system-default-payment-processing-2026-11-30-slos.csv',
        'text/csv',
      ],
    ]);
    // payments-api's Availability: 3 of its 4 evaluations met, as the SLOs table says "75 %".
    expect(saved.mock.calls[0][0]).toContain(
      'component:default/payments-api,Availability,0.999,0.75,4,',
    );
  });

  it('says what went wrong and offers a retry, which stays (busy) while it reads', async () => {
    const again = held<PlanningReview>();
    const getPlanningReview = jest
      .fn()
      .mockRejectedValueOnce(new Error('backend down'))
      .mockReturnValue(again.promise);
    await render(
      getPlanningReview,
      '/stewardship/review?scope=system:default/payment-processing',
    );
    // What was read, as every panel says it, not the bare message.
    expect(
      await screen.findByText(
        'Error: Could not read the planning review: backend down',
      ),
    ).toBeInTheDocument();
    const tryAgain = screen.getByRole('button', { name: 'Try again' });
    expect(tryAgain).not.toHaveAttribute('aria-busy');
    await untilButtonMounted(tryAgain);
    tryAgain.focus();
    fireEvent.click(tryAgain);
    // The panel and its button stay while it reads, and so does focus.
    await waitFor(() => expect(tryAgain).toHaveAttribute('aria-busy', 'true'));
    expect(tryAgain).toHaveAttribute('aria-disabled', 'true');
    expect(tryAgain).toHaveFocus();
    // A second press while it reads asks for nothing more.
    fireEvent.click(tryAgain);
    expect(getPlanningReview).toHaveBeenCalledTimes(2);
    again.settle(REVIEW);
    expect(await screen.findByText('1 of 2 met')).toBeInTheDocument();
  });

  it("shows the backend's message about an unknown scope, not only its status", async () => {
    // What the backend answers for a scope that is not in the catalog.
    const error = await backendError(
      404,
      'No entity group:default/nonexistent in the catalog',
    );
    await render(
      jest.fn().mockRejectedValue(error),
      '/stewardship/review?scope=group:default/nonexistent',
    );
    expect(
      await screen.findByText(
        'Error: Could not read the planning review: No entity group:default/nonexistent in the catalog',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Request failed with 404/)).toBeNull();
  });

  it('says the backend did not answer when the answer has no error of its own', async () => {
    // The backend down: a 404 with an empty body, as for a route that is not there.
    const error = await ResponseError.fromResponse(
      new Response(null, { status: 404, statusText: 'Not Found' }),
    );
    await render(
      jest.fn().mockRejectedValue(error),
      '/stewardship/review?scope=system:default/payment-processing',
    );
    expect(
      await screen.findByText(
        'Error: Could not read the planning review: The stewardship backend did not answer the request (404 Not Found); it may be down or restarting',
      ),
    ).toBeInTheDocument();
  });

  it('says when a domain holds nothing', async () => {
    // A system's review holds the system itself; a domain's, its systems (and their parts).
    await render(
      jest.fn().mockResolvedValue({
        ...REVIEW,
        scope: 'domain:default/commerce',
        rows: [],
      }),
      '/stewardship/review?scope=domain:default/commerce',
    );
    expect(
      await screen.findByText('Nothing to review in this scope'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'No system is part of it, or none you may see. Pick another scope.',
      ),
    ).toBeInTheDocument();
    // Backstage's "no Information" picture, not "data", whose text says "no Build".
    expect(
      screen.getByRole('img', { name: 'no Information' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('img', { name: 'no Build' })).toBeNull();
  });

  it('says from when evaluations are kept when the period reaches back further', async () => {
    await render(
      jest.fn().mockResolvedValue({
        ...REVIEW,
        snapshotsKeptFrom: '2026-11-05T09:30:00.000Z',
      }),
      '/stewardship/review?scope=system:default/payment-processing',
    );
    expect(
      await screen.findByText(
        "Evaluations before 2026-11-05 09:30 UTC are pruned (the backend's snapshotRetention): the SLO figures count from then.",
      ),
    ).toBeInTheDocument();
  });

  it('says nothing of pruned evaluations when the period is within the retention', async () => {
    await render(
      jest.fn().mockResolvedValue(REVIEW),
      '/stewardship/review?scope=system:default/payment-processing',
    );
    expect(await screen.findByText('1 of 2 met')).toBeInTheDocument();
    expect(screen.queryByText(/are pruned/)).toBeNull();
  });

  it("says a group's review is of what it owns itself, and offers its teams", async () => {
    await render(
      jest.fn().mockResolvedValue({
        ...REVIEW,
        scope: 'group:default/acme',
        rows: [],
      }),
      '/stewardship/review?scope=group:default/acme&period=quarter-to-date',
    );
    await screen.findByText('Nothing to review in this scope');
    const teams = await screen.findByText(/Review one of its teams/);
    expect(teams).toHaveTextContent(
      "Acme Corp owns nothing directly, or nothing you may see: a group's review lists what the group itself owns, not what its teams own. Review one of its teams: payments, Platform Team.",
    );
    // Each team's review, in the same period.
    const links = within(teams).getAllByRole('link');
    expect(links.map(link => link.getAttribute('href'))).toEqual([
      '/stewardship/review?scope=group%3Adefault%2Fpayments&period=quarter-to-date',
      '/stewardship/review?scope=group%3Adefault%2Fplatform&period=quarter-to-date',
    ]);
  });

  it('says a group without teams owns nothing directly', async () => {
    await render(
      jest.fn().mockResolvedValue({
        ...REVIEW,
        scope: 'group:default/payments',
        rows: [],
      }),
      '/stewardship/review?scope=group:default/payments',
    );
    expect(
      await screen.findByText(/owns nothing directly/),
    ).not.toHaveTextContent('Review one of its teams');
    // Backstage's "no Information" picture, not "data", whose text says "no Build".
    expect(
      screen.getByRole('img', { name: 'no Information' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('img', { name: 'no Build' })).toBeNull();
  });

  it('asks for both days of a custom range', async () => {
    const getPlanningReview = jest.fn();
    await render(
      getPlanningReview,
      '/stewardship/review?scope=group:default/payments&period=custom&from=2026-11-01',
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Pick the first and the last day of the range.',
    );
    expect(getPlanningReview).not.toHaveBeenCalled();
  });
});
