import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ComponentProps, useState } from 'react';
import { EntityDependencyCeiling } from '@stewardship/backstage-plugin-stewardship-common';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import { DependencyCeilingCard } from './DependencyCeiling';

const REF = 'component:default/storefront';

// 0.995 × 0.9995 = 0.9945025, shown rounded to three decimals of a percent: 99.45 %.
const withDependencies: EntityDependencyCeiling = {
  entityRef: REF,
  ceiling: 0.995 * 0.9995,
  dependencies: [
    {
      entityRef: 'component:default/checkout',
      title: 'Checkout',
      slo: { id: 'a', name: 'batch', objective: 0.995 },
    },
    { entityRef: 'component:default/recommendations', unknown: 'no-slo' },
    {
      entityRef: 'component:default/search',
      slo: { id: 'b', name: 'availability', objective: 0.9995 },
    },
    { entityRef: 'component:default/vault', unknown: 'not-visible' },
  ],
  objectives: [
    { id: 'o1', name: 'availability', objective: 0.99, aboveCeiling: false },
    { id: 'o2', name: 'checkout-flow', objective: 0.9999, aboveCeiling: true },
  ],
};

/** The card, with props the test changes later (`change`), inside the test app. */
async function renderChangeable(
  first: ComponentProps<typeof DependencyCeilingCard>,
  getEntityDependencyCeiling: () => Promise<EntityDependencyCeiling>,
) {
  let setProps: (
    p: ComponentProps<typeof DependencyCeilingCard>,
  ) => void = () => {};
  function Changeable() {
    const [props, set] = useState(first);
    setProps = set;
    return <DependencyCeilingCard {...props} />;
  }
  await renderWithApi(
    <Changeable />,
    mockStewardshipApi({ getEntityDependencyCeiling }),
  );
  return {
    change: (p: ComponentProps<typeof DependencyCeilingCard>) =>
      act(() => setProps(p)),
  };
}

function render(
  getEntityDependencyCeiling: () => Promise<EntityDependencyCeiling>,
  at?: Date,
) {
  return renderWithApi(
    <DependencyCeilingCard entityRef={REF} at={at} />,
    mockStewardshipApi({ getEntityDependencyCeiling }),
  );
}

describe('DependencyCeilingCard', () => {
  it('shows the ceiling with its formula, the unknowns and a warning per objective above it', async () => {
    const calls: unknown[] = [];
    await render(async (...args: unknown[]) => {
      calls.push(args[0]);
      return withDependencies;
    });
    expect(calls).toEqual([REF]);
    expect(
      await screen.findByText(/99\.5 % × 99\.95 % = 99\.45 %/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/2 of 4 dependencies have no known objective/),
    ).toBeInTheDocument();
    // Only the objective above the ceiling warns, in words.
    expect(
      screen.getByText(
        /“checkout-flow” promises 99\.99 %, more than the 99\.45 %/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/“availability” promises/),
    ).not.toBeInTheDocument();
    expect(screen.getByText('99.5 % (batch)')).toBeInTheDocument();
    expect(
      screen.getByText('Unknown: no availability SLO'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Unknown: not in the catalog, or not visible to you'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Checkout' })).toBeInTheDocument();
  });

  it("says, when the tab is as of a past moment, that the ceiling is still today's", async () => {
    await render(
      async () => withDependencies,
      new Date('2026-09-30T23:59:00Z'),
    );
    expect(
      await screen.findByText(
        /As it is now, not as of 2026-09-30 23:59 UTC: the catalog keeps no history of dependencies/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/99\.5 % × 99\.95 % = 99\.45 %/),
    ).toBeInTheDocument();
  });

  it('notes the moment, and warns of an objective above the ceiling, as statuses: no alert on every load', async () => {
    await render(
      async () => withDependencies,
      new Date('2026-09-30T23:59:00Z'),
    );
    // The note, then the warning about checkout-flow: both there as the card loads.
    const [note, warning] = await screen.findAllByRole('status');
    expect(note).toHaveTextContent(
      "As it is now, not as of 2026-09-30 23:59 UTC: the catalog keeps no history of dependencies, so the ceiling is always today's.",
    );
    expect(warning).toHaveTextContent(
      'Warning: “checkout-flow” promises 99.99 %, more than the 99.45 % its dependencies allow.',
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('names the table of dependencies by the card heading', async () => {
    await render(async () => withDependencies);
    const table = await screen.findByRole('table', {
      name: 'Dependency ceiling',
    });
    // The heading's own words, not a second name beside it.
    expect(
      screen.getByRole('heading', { level: 2, name: 'Dependency ceiling' }),
    ).toBeInTheDocument();
    // Its rows: the four dependencies under the header row.
    expect(within(table).getAllByRole('row')).toHaveLength(5);
    // Its headers are titles only: no drag handle (a tab stop that reorders the columns).
    const headers = within(table).getAllByRole('columnheader');
    expect(headers.map(header => header.textContent)).toEqual([
      'Dependency',
      'Availability objective',
    ]);
    for (const header of headers) {
      expect(
        header.querySelectorAll(
          '[tabindex], [data-rbd-drag-handle-draggable-id]',
        ),
      ).toHaveLength(0);
    }
  });

  it('says nothing about the moment when the tab shows now', async () => {
    await render(async () => withDependencies);
    await screen.findByText(/99\.5 % × 99\.95 % = 99\.45 %/);
    expect(screen.queryByText(/As it is now/)).toBeNull();
  });

  it('counts a single unknown dependency in the singular', async () => {
    await render(async () => ({
      ...withDependencies,
      dependencies: withDependencies.dependencies.slice(0, 3),
    }));
    expect(
      await screen.findByText(/1 of 3 dependencies has no known objective,/),
    ).toBeInTheDocument();
  });

  it('says when nothing is declared or nothing is known', async () => {
    await render(async () => ({
      entityRef: REF,
      dependencies: [],
      objectives: [],
    }));
    expect(
      await screen.findByText(/No dependencies are declared/),
    ).toBeInTheDocument();
  });

  it('says the ceiling is unknown when no dependency has an availability SLO', async () => {
    await render(async () => ({
      entityRef: REF,
      dependencies: [{ entityRef: 'resource:default/db', unknown: 'no-slo' }],
      objectives: [],
    }));
    expect(
      await screen.findByText(/the ceiling is\s+unknown/),
    ).toBeInTheDocument();
  });

  it('never shows a ceiling that is not 100 % as 100 %', async () => {
    // One dependency promising 99.9999 %: 100.000 to three decimals, 99.9999 to four.
    await render(async () => ({
      entityRef: REF,
      ceiling: 0.999999,
      dependencies: [
        {
          entityRef: 'component:default/vault',
          slo: { id: 'v', name: 'availability', objective: 0.999999 },
        },
      ],
      objectives: [
        {
          id: 'o1',
          name: 'availability',
          objective: 0.999,
          aboveCeiling: false,
        },
      ],
    }));
    expect(await screen.findByText(/allow at most/)).toHaveTextContent(
      'Its dependencies allow at most 99.9999 % availability (the product of their availability objectives: 99.9999 %).',
    );
    expect(screen.getByText('99.9999 % (availability)')).toBeInTheDocument();
  });

  it('warns with two different figures: an objective above the ceiling never reads as the ceiling', async () => {
    // Ceiling 99.9899 % and objective 99.99 % both read 99.99 % to three decimals: four tell them apart.
    await render(async () => ({
      entityRef: REF,
      ceiling: 0.999899,
      dependencies: [
        {
          entityRef: 'component:default/vault',
          slo: { id: 'v', name: 'availability', objective: 0.999899 },
        },
      ],
      objectives: [
        {
          id: 'o1',
          name: 'checkout-flow',
          objective: 0.9999,
          aboveCeiling: true,
        },
      ],
    }));
    expect(
      await screen.findByText(/“checkout-flow” promises/),
    ).toHaveTextContent(
      'Warning: “checkout-flow” promises 99.99 %, more than the 99.9899 % its dependencies allow.',
    );
  });

  it('keeps its warning in place while it reads again after an SLO change: not said again', async () => {
    let answer: (c: EntityDependencyCeiling) => void = () => {};
    const read = jest.fn(
      () => new Promise<EntityDependencyCeiling>(resolve => (answer = resolve)),
    );
    const { change } = await renderChangeable(
      { entityRef: REF, sloRevision: 1 },
      read,
    );
    await act(async () => answer(withDependencies));
    const warning = await screen.findByText(/“checkout-flow” promises/);

    change({ entityRef: REF, sloRevision: 2 });
    expect(read).toHaveBeenCalledTimes(2);
    // While the second read runs: the same element, no progress bar, the card marked busy.
    expect(screen.getByText(/“checkout-flow” promises/)).toBe(warning);
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(warning.closest('[aria-busy]')).toHaveAttribute('aria-busy', 'true');

    await act(async () => answer(withDependencies));
    expect(screen.getByText(/“checkout-flow” promises/)).toBe(warning);
    expect(warning.closest('[aria-busy]')).toHaveAttribute(
      'aria-busy',
      'false',
    );
  });

  it("never shows one entity's ceiling while another's is read", async () => {
    let answer: (c: EntityDependencyCeiling) => void = () => {};
    const { change } = await renderChangeable(
      { entityRef: REF },
      () => new Promise<EntityDependencyCeiling>(resolve => (answer = resolve)),
    );
    await act(async () => answer(withDependencies));
    await screen.findByText(/“checkout-flow” promises/);

    change({ entityRef: 'component:default/other' });
    expect(screen.queryByText(/“checkout-flow” promises/)).toBeNull();
    expect(
      await screen.findByRole('progressbar', {
        name: 'Loading the dependency ceiling',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/“checkout-flow” promises/)).toBeNull();
  });

  it('shows a loading state, then the error as the other cards do, with Try again', async () => {
    let fail: (e: Error) => void = () => {};
    const read = jest.fn(
      () =>
        new Promise<EntityDependencyCeiling>((_, reject) => (fail = reject)),
    );
    await render(read);
    expect(
      await screen.findByRole('progressbar', {
        name: 'Loading the dependency ceiling',
      }),
    ).toBeInTheDocument();
    fail(new Error('catalog down'));
    // RequestErrorPanel's title, as on the SLO and backlog cards.
    expect(
      await screen.findByText(
        'Error: Could not read the dependency ceiling: catalog down',
      ),
    ).toBeInTheDocument();

    read.mockImplementation(async () => withDependencies);
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByText(/99\.5 % × 99\.95 % = 99\.45 %/),
    ).toBeInTheDocument();
    expect(read).toHaveBeenCalledTimes(2);
    expect(screen.queryByText(/Could not read/)).not.toBeInTheDocument();
  });
});
