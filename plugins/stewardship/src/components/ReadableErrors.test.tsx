/*
 * The error colour the plugin's forms use, against WCAG 2's contrast formula written out here
 * (not Material UI's getContrastRatio, which the code uses), on Backstage's own themes.
 */
import { darkTheme, lightTheme } from '@backstage/theme';
import TextField from '@material-ui/core/TextField';
import { render, screen } from '@testing-library/react';
import { ThemeProvider } from '@material-ui/core/styles';
import {
  ReadableErrors,
  readableColour,
  withReadableErrorColour,
} from './ReadableErrors';

/** WCAG 2 relative luminance of `#rrggbb` or `rgb(r, g, b)`. */
function luminance(colour: string): number {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  const rgb = /^rgb\((\d+), ?(\d+), ?(\d+)\)$/.exec(colour);
  const parts = hex
    ? hex.slice(1).map(h => parseInt(h, 16))
    : rgb!.slice(1).map(Number);
  const [r, g, b] = parts.map(v => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe.each([
  ['light', lightTheme],
  ['dark', darkTheme],
])('the error colour on Backstage’s %s theme', (_, theme) => {
  const backgrounds = [
    theme.palette.background.paper,
    theme.palette.background.default,
  ];

  it('is below AA as the theme gives it (what this fixes)', () => {
    expect(theme.palette.error.main).toBe('#f44336');
    expect(
      Math.min(...backgrounds.map(bg => contrast('#f44336', bg))),
    ).toBeLessThan(4.5);
  });

  it('reads at 4.5:1 or more on its paper and its page background', () => {
    const readable = withReadableErrorColour(theme).palette.error.main;
    for (const bg of backgrounds) {
      expect(contrast(readable, bg)).toBeGreaterThanOrEqual(4.5);
    }
    // Still a red: the red channel dominates.
    const [r, g, b] = readable.match(/\d+/g)!.map(Number);
    expect(r).toBeGreaterThan(g + 60);
    expect(r).toBeGreaterThan(b + 60);
  });

  it('changes nothing else, and is one object per app theme', () => {
    const readable = withReadableErrorColour(theme);
    expect(withReadableErrorColour(theme)).toBe(readable);
    expect(readable.palette.primary).toBe(theme.palette.primary);
    expect(readable.typography).toBe(theme.typography);
    expect(readable.palette.error.light).toBe(theme.palette.error.light);
  });
});

describe('readableColour', () => {
  it('keeps a colour that already reads', () => {
    expect(readableColour('#ca001b', ['#ffffff', '#f8f8f8'], 'light')).toBe(
      '#ca001b',
    );
  });

  it('darkens on light backgrounds and lightens on dark ones', () => {
    const onLight = readableColour('#f44336', ['#ffffff'], 'light');
    const onDark = readableColour('#f44336', ['#424242'], 'dark');
    expect(luminance(onLight)).toBeLessThan(luminance('#f44336'));
    expect(luminance(onDark)).toBeGreaterThan(luminance('#f44336'));
  });
});

describe('ReadableErrors', () => {
  it('gives a field’s error label and helper text the readable colour', () => {
    render(
      <ThemeProvider theme={lightTheme}>
        <ReadableErrors>
          <TextField id="f" label="Name" error helperText="Required" />
        </ReadableErrors>
      </ThemeProvider>,
    );
    const expected = withReadableErrorColour(lightTheme).palette.error.main;
    expect(getComputedStyle(screen.getByText('Required')).color).toBe(expected);
  });
});
