import { act, fireEvent, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { allSloItems, entitySlos } from '../../__testUtils__/sloFixtures';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import { SystemComponentSlos } from './SystemComponentSlos';
import { ComponentSlos } from './useComponentSlos';

/** The components `names` (`component:default/<name>`), all failed with `error`. */
const failedTogether = (error: Error, ...names: string[]): ComponentSlos[] =>
  names.map(name => ({ entityRef: `component:default/${name}`, error }));

describe('SystemComponentSlos', () => {
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
      name: 'SLOs of 3 components: component:default/a, component:default/b and 1 more',
    });
    const second = screen.getByRole('region', {
      name: 'SLOs of 3 components: component:default/d, component:default/e and 1 more',
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
      name: 'SLOs of 2 components: component:default/a, component:default/b',
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
      name: 'SLOs of component:default/a',
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
        name: 'SLOs of component:default/a',
      });
      // The section's own heading, first; its SLOs' rows have theirs.
      expect(
        within(section).getAllByRole('heading', { level: 3 })[0],
      ).toHaveFocus();
    },
  );
});
