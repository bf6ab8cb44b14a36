import { entityPresentationApiRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider } from '@backstage/test-utils';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { useState } from 'react';
import {
  allSloItems,
  entitySlos,
  healthyEvaluation,
  healthySlo,
} from '../../__testUtils__/sloFixtures';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import { SloCorrection } from '@stewardship/backstage-plugin-stewardship-common';
import { presentationWithTitles } from '../../__testUtils__/entityPresentation';
import { history } from '../SloDetails/__fixtures__';
import { SystemComponentSlos } from './SystemComponentSlos';
import { ComponentSlos } from './useComponentSlos';

/** The components `names` (`component:default/<name>`), all failed with `error`. */
const failedTogether = (error: Error, ...names: string[]): ComponentSlos[] =>
  names.map(name => ({ entityRef: `component:default/${name}`, error }));

/** The catalog's titles of the demo system's components. */
const presentation = presentationWithTitles({
  'component:default/fraud-detection': 'Fraud Detection',
  'component:default/payment-gateway': 'Payment Gateway',
  'component:default/payment-sdk': 'Payment SDK',
});

/** `component:default/<name>` with one SLO, named `availability` as in the demo. */
const withAvailability = (name: string): ComponentSlos => ({
  entityRef: `component:default/${name}`,
  value: entitySlos(
    [{ slo: healthySlo, evaluation: healthyEvaluation, stale: false }],
    `component:default/${name}`,
  ),
});

const handlers = {
  onCreate: () => {},
  onImport: () => {},
  onEdit: () => {},
};

describe('SystemComponentSlos', () => {
  it('names each component by its title, and each SLO and its buttons by the SLO and the component', async () => {
    await renderWithApi(
      <TestApiProvider apis={[[entityPresentationApiRef, presentation]]}>
        <h2>SLOs of its components</h2>
        <SystemComponentSlos
          loading={false}
          components={[
            withAvailability('fraud-detection'),
            withAvailability('payment-gateway'),
            {
              entityRef: 'component:default/payment-sdk',
              value: entitySlos([], 'component:default/payment-sdk'),
            },
          ]}
          handlers={handlers}
        />
      </TestApiProvider>,
      mockStewardshipApi(),
    );

    const fraud = await screen.findByRole('region', {
      name: 'SLOs of Fraud Detection',
    });
    const gateway = screen.getByRole('region', {
      name: 'SLOs of Payment Gateway',
    });
    expect(
      screen.getByRole('region', { name: 'No SLO yet for Payment SDK' }),
    ).toBeInTheDocument();
    // Each SLO's name one level below its component's, which is one below the part's h2.
    expect(
      within(fraud)
        .getAllByRole('heading')
        .map(h => [h.tagName, h.textContent]),
    ).toEqual([
      ['H3', 'Fraud Detection'],
      ['H4', 'availability'],
    ]);

    // No two buttons of the page share a name, and none names a component by its ref.
    const names = screen
      .getAllByRole('button')
      .map(button => button.getAttribute('aria-label'));
    expect(names).toEqual([
      'Create SLO for Fraud Detection',
      'Import YAML for Fraud Detection',
      'Show details of availability of Fraud Detection',
      'Edit availability of Fraud Detection',
      'Export OpenSLO of availability of Fraud Detection',
      'Create SLO for Payment Gateway',
      'Import YAML for Payment Gateway',
      'Show details of availability of Payment Gateway',
      'Edit availability of Payment Gateway',
      'Export OpenSLO of availability of Payment Gateway',
      'Create SLO for Payment SDK',
      'Import YAML for Payment SDK',
    ]);

    for (const [section, title] of [
      [fraud, 'Fraud Detection'],
      [gateway, 'Payment Gateway'],
    ] as const) {
      const row = within(section).getByRole('region', {
        name: `availability of ${title}`,
      });
      // The visible text first, then what it acts on (WCAG 2.5.3, label in name).
      const show = within(row).getByRole('button', {
        name: `Show details of availability of ${title}`,
      });
      expect(show).toHaveTextContent(/^Show details$/);
      expect(
        within(row).getByRole('button', {
          name: `Edit availability of ${title}`,
        }),
      ).toHaveTextContent(/^Edit$/);
      expect(
        within(row).getByRole('button', {
          name: `Export OpenSLO of availability of ${title}`,
        }),
      ).toHaveTextContent(/^Export OpenSLO$/);
      fireEvent.click(show);
      expect(show).toHaveAccessibleName(
        `Hide details of availability of ${title}`,
      );
    }
  });

  it("puts each SLO's details one level below its name, and names their tables by the component", async () => {
    const sunday: SloCorrection = {
      id: 'b7d0c1a2-0000-4000-8000-000000000001',
      reason: 'Sunday maintenance',
      weekly: { days: ['sun'], from: '02:00', to: '04:00', timeZone: 'UTC' },
      author: 'user:default/jane.doe',
      createdAt: '2024-04-10T09:30:00.000Z',
    };
    /** The component's `availability`, with a correction (so its details have the table). */
    const corrected = (name: string): ComponentSlos => {
      const component = withAvailability(name);
      const [item] = component.value!.items;
      return {
        ...component,
        value: {
          ...component.value!,
          items: [{ ...item, slo: { ...item.slo, corrections: [sunday] } }],
        },
      };
    };
    await renderWithApi(
      <TestApiProvider apis={[[entityPresentationApiRef, presentation]]}>
        <SystemComponentSlos
          loading={false}
          components={[
            corrected('fraud-detection'),
            corrected('payment-gateway'),
          ]}
          handlers={handlers}
        />
      </TestApiProvider>,
      mockStewardshipApi({
        getSloHistory: async () => history,
        listSloRevisions: async () => [],
        listEntityIncidents: async () => ({ totalCount: 0, items: [] }),
      }),
    );

    for (const title of ['Fraud Detection', 'Payment Gateway']) {
      fireEvent.click(
        await screen.findByRole('button', {
          name: `Show details of availability of ${title}`,
        }),
      );
    }
    for (const title of ['Fraud Detection', 'Payment Gateway']) {
      const section = screen.getByRole('region', { name: `SLOs of ${title}` });
      await within(section).findByRole('heading', {
        level: 5,
        name: 'Error budget burndown',
      });
      // The SLO's name is the section's one h4: the details' card titles are below it.
      expect(
        within(section)
          .getAllByRole('heading', { level: 4 })
          .map(h => h.textContent),
      ).toEqual(['availability']);
      for (const card of [
        'Summary',
        'SLI over time',
        'Counted time and corrections',
        'Changes',
        'Burn rates',
        'Why this number',
      ]) {
        expect(
          within(section).getByRole('heading', { level: 5, name: card }),
        ).toBeInTheDocument();
      }
      for (const table of [
        `Corrections of availability of ${title}`,
        `Burn rates of availability of ${title}`,
        new RegExp(`^History of availability of ${title}\\. `),
      ]) {
        expect(
          within(section).getByRole('table', { name: table }),
        ).toBeInTheDocument();
      }
      expect(
        within(section).getByRole('button', {
          name: `Add correction to availability of ${title}`,
        }),
      ).toBeInTheDocument();
    }
  });

  it('names the components of a failed request by their titles', async () => {
    await renderWithApi(
      <TestApiProvider apis={[[entityPresentationApiRef, presentation]]}>
        <SystemComponentSlos
          loading={false}
          components={failedTogether(
            new Error('unavailable'),
            'fraud-detection',
            'payment-gateway',
          )}
          onReload={() => {}}
        />
      </TestApiProvider>,
      mockStewardshipApi(),
    );
    const group = await screen.findByRole('region', {
      name: 'SLOs of 2 components: Fraud Detection, Payment Gateway',
    });
    expect(within(group).getByRole('heading', { level: 3 })).toHaveTextContent(
      /^2 components: Fraud Detection, Payment Gateway$/,
    );
  });

  it('names two failed groups of the same size apart, by their first components', async () => {
    await renderWithApi(
      <SystemComponentSlos
        loading={false}
        components={[
          ...failedTogether(new Error('first batch'), 'a', 'b', 'c'),
          ...failedTogether(new Error('second batch'), 'd', 'e', 'f'),
        ]}
        onReload={() => {}}
      />,
      mockStewardshipApi(),
    );

    const first = screen.getByRole('region', {
      name: 'SLOs of 3 components: a, b and 1 more',
    });
    const second = screen.getByRole('region', {
      name: 'SLOs of 3 components: d, e and 1 more',
    });
    expect(within(first).getByRole('heading', { level: 3 })).toHaveTextContent(
      /^3 components: a, b and 1 more$/,
    );
    expect(within(second).getByRole('heading', { level: 3 })).toHaveTextContent(
      /^3 components: d, e and 1 more$/,
    );
    expect(first).toHaveTextContent('first batch');
    expect(second).toHaveTextContent('second batch');
  });

  it('keeps Try again busy while it reads again: said to screen readers, further presses ignored', async () => {
    const asked: string[][] = [];
    let done = () => {};
    const onReload = (refs: string[]) => {
      asked.push(refs);
      return new Promise<void>(resolve => {
        done = resolve;
      });
    };
    await renderWithApi(
      <SystemComponentSlos
        loading={false}
        components={failedTogether(new Error('unavailable'), 'a', 'b')}
        onReload={onReload}
      />,
      mockStewardshipApi(),
    );
    const group = screen.getByRole('region', {
      name: 'SLOs of 2 components: a, b',
    });
    const button = within(group).getByRole('button', { name: 'Try again' });
    const status = within(group).getByRole('status');
    expect(button).not.toHaveAttribute('aria-disabled');
    expect(status).toHaveTextContent(/^$/);

    fireEvent.click(button);
    expect(asked).toEqual([['component:default/a', 'component:default/b']]);
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(status).toHaveTextContent(
      /^Reading the SLOs of 2 components again…$/,
    );
    // Not disabled: the browser would move a keyboard user's focus off it.
    expect(button).not.toBeDisabled();
    fireEvent.click(button);
    expect(asked).toHaveLength(1);

    await act(async () => done());
    expect(button).not.toHaveAttribute('aria-disabled');
    expect(status).toHaveTextContent(/^$/);
    fireEvent.click(button);
    expect(asked).toHaveLength(2);
  });

  it('does the same for a component that failed alone', async () => {
    const asked: string[][] = [];
    let done = () => {};
    await renderWithApi(
      <SystemComponentSlos
        loading={false}
        components={failedTogether(new Error('unavailable'), 'a')}
        onReload={refs => {
          asked.push(refs);
          return new Promise<void>(resolve => {
            done = resolve;
          });
        }}
      />,
      mockStewardshipApi(),
    );
    const section = screen.getByRole('region', {
      name: 'SLOs of a',
    });
    const button = within(section).getByRole('button', { name: 'Try again' });
    fireEvent.click(button);
    fireEvent.click(button);
    expect(asked).toEqual([['component:default/a']]);
    expect(within(section).getByRole('status')).toHaveTextContent(
      /^Reading the SLOs of component:default\/a again…$/,
    );
    await act(async () => done());
    expect(button).not.toHaveAttribute('aria-disabled');
  });

  it.each([
    ['alone', ['a']],
    ['with others', ['a', 'b']],
  ])(
    'moves focus to the section’s heading when Try again reads a component that failed %s',
    async (_, names) => {
      let done = () => {};
      function Reloading() {
        const [components, setComponents] = useState<ComponentSlos[]>(
          failedTogether(new Error('unavailable'), ...names),
        );
        return (
          <SystemComponentSlos
            loading={false}
            components={components}
            onReload={refs =>
              new Promise<void>(resolve => {
                done = () => {
                  setComponents(
                    refs.map(entityRef => ({
                      entityRef,
                      value: entitySlos(allSloItems),
                    })),
                  );
                  resolve();
                };
              })
            }
          />
        );
      }
      await renderWithApi(<Reloading />, mockStewardshipApi());
      const button = screen.getByRole('button', { name: 'Try again' });
      act(() => button.focus());
      fireEvent.click(button);
      await act(async () => done());

      expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
      const section = screen.getByRole('region', {
        name: 'SLOs of a',
      });
      // The section's own heading, first; its SLOs' rows have theirs.
      expect(
        within(section).getAllByRole('heading', { level: 3 })[0],
      ).toHaveFocus();
    },
  );
});
