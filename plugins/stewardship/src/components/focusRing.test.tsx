import { Page } from '@backstage/core-components';
import { renderInTestApp } from '@backstage/test-utils';
import { darkTheme, lightTheme } from '@backstage/theme';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Button from '@material-ui/core/Button';
import { ButtonBaseActions } from '@material-ui/core/ButtonBase';
import { Theme, ThemeProvider } from '@material-ui/core/styles';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ConfirmDialog } from './ConfirmDialog';
import { useFocusRing } from './focusRing';
import { RequestErrorPanel } from './RequestErrorPanel';
import { MetricSourceField } from './SloEditor/MetricSourceField';
import { useMetricSources } from './SloEditor/useMetricSources';

/** The source picker as the SLO form renders it: with the sources it has read. */
function SourcePicker() {
  const sources = useMetricSources();
  return <MetricSourceField sources={sources} value="" onChange={() => {}} />;
}
import {
  mockStewardshipApi,
  renderWithApi,
} from '../__testUtils__/renderWithApi';
import { focusRingOf } from '../__testUtils__/focusRingOf';

// The first render of MUI takes seconds on a loaded machine.
jest.setTimeout(30_000);

function Root(props: { children: React.ReactNode }) {
  return <div className={useFocusRing()}>{props.children}</div>;
}

/**
 * Focuses `element` and marks it as MUI marks a control focused by the keyboard in a browser. (MUI
 * asks `:focus-visible`, which jsdom answers from its own record of earlier events, tests before
 * included; the e2e keyboard test presses Tab in Chromium.)
 */
function focusByKeyboard(element: HTMLElement) {
  act(() => element.focus());
  element.classList.add('Mui-focusVisible');
}

/** The outline the plugin's `.Mui-focusVisible` rules give `element`. */
const outline = (element: HTMLElement) =>
  focusRingOf(element, '.Mui-focusVisible');

// Backstage's own palettes: the text colour of each theme, written out here.
const themes: Array<[string, Theme, string]> = [
  ['light', lightTheme, 'rgba(0, 0, 0, 0.87)'],
  ['dark', darkTheme, '#fff'],
];

describe('useFocusRing', () => {
  it.each(themes)(
    'draws a 2 px line in the text colour around a button focused by the keyboard (%s theme)',
    (_, theme, text) => {
      // MUI's own keyboard focus (what Tab does in a browser), which marks the button itself.
      let actions: ButtonBaseActions | null = null;
      render(
        <ThemeProvider theme={theme}>
          <Root>
            <Button action={a => (actions = a)}>Show details</Button>
          </Root>
        </ThemeProvider>,
      );
      const button = screen.getByRole('button', { name: 'Show details' });
      act(() => actions!.focusVisible());

      expect(button).toHaveFocus();
      expect(button).toHaveClass('Mui-focusVisible');
      const drawn = outline(button);
      expect(drawn.style).toBe('solid');
      expect(drawn.width).toBe('2px');
      expect(drawn.offset).toBe('2px');
      expect(drawn.color.replace(/\s/g, '').toLowerCase()).toBe(
        text.replace(/\s/g, '').toLowerCase(),
      );
    },
  );

  it('draws no line for a click (no keyboard), nor outside its root', async () => {
    render(
      <ThemeProvider theme={lightTheme}>
        <Root>
          <Button>Inside</Button>
        </Root>
        <Button>Outside</Button>
      </ThemeProvider>,
    );
    const inside = screen.getByRole('button', { name: 'Inside' });
    await userEvent.setup().click(inside);
    expect(document.activeElement).toBe(inside);
    expect(inside).not.toHaveClass('Mui-focusVisible');
    expect(outline(inside).style).toBe('none');

    const outside = screen.getByRole('button', { name: 'Outside' });
    focusByKeyboard(outside);
    expect(outside).toHaveClass('Mui-focusVisible');
    expect(outline(outside).style).toBe('none');
  });

  it('draws an expander’s line inside it, where its panel cannot cut it off', async () => {
    // In a Backstage page, as in the app: the page nests a theme, under which MUI numbers its
    // component class names (`MuiAccordionSummary-root-12`), its state classes not.
    await renderInTestApp(
      <Page themeId="tool">
        <Root>
          <Accordion>
            <AccordionSummary>Why this SLI</AccordionSummary>
            <AccordionDetails>Because</AccordionDetails>
          </Accordion>
        </Root>
      </Page>,
    );
    const summary = screen.getByRole('button', { name: 'Why this SLI' });
    expect(summary.className).toMatch(/\bMuiAccordionSummary-root-\d+\b/);
    expect(summary).not.toHaveClass('MuiAccordionSummary-root');
    focusByKeyboard(summary);
    expect(outline(summary)).toMatchObject({
      style: 'solid',
      width: '2px',
      offset: '-2px',
    });
  });
});

describe('the focus ring on the plugin’s roots', () => {
  it('is on a failed read’s panel, shown alone in place of a tab', async () => {
    await renderInTestApp(
      <RequestErrorPanel error={new Error('down')} onRetry={() => {}} />,
    );
    const retry = screen.getByRole('button', { name: 'Try again' });
    focusByKeyboard(retry);
    expect(outline(retry)).toMatchObject({ style: 'solid', width: '2px' });
  });

  it('is on a dialog, which MUI renders outside the tab', async () => {
    await renderInTestApp(
      <div>
        <ConfirmDialog
          open
          id="confirm"
          title="Delete SLO availability?"
          description="It goes."
          confirmLabel="Delete"
          onConfirm={() => {}}
          onCancel={() => {}}
        />
      </div>,
    );
    // Not inside the element the test app renders into: MUI's portal, at the end of the body.
    expect(screen.getByRole('dialog').closest('div[class*="focusRing"]')).toBe(
      screen.getByRole('dialog'),
    );
    const remove = screen.getByRole('button', { name: 'Delete' });
    focusByKeyboard(remove);
    expect(outline(remove)).toMatchObject({ style: 'solid', width: '2px' });
  });

  it('is on a select’s menu, which MUI renders outside the dialog', async () => {
    const api = mockStewardshipApi({
      listMetricSources: async () => [
        {
          name: 'prom',
          type: 'prometheus',
          health: { status: 'ok', checkedAt: '2024-09-20T12:00:00.000Z' },
        },
        {
          name: 'dd',
          type: 'datadog',
          health: { status: 'ok', checkedAt: '2024-09-20T12:00:00.000Z' },
        },
      ],
    });
    await renderWithApi(<SourcePicker />, api);
    await userEvent.click(
      await screen.findByRole('button', { name: /Metric source/ }),
    );
    const option = await screen.findByRole('option', { name: /^dd/ });
    focusByKeyboard(option);
    // Inside the option: the menu's paper hides what overflows it sideways.
    expect(outline(option)).toMatchObject({
      style: 'solid',
      width: '2px',
      offset: '-2px',
    });
  });
});
