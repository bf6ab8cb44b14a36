import {
  darken,
  getContrastRatio,
  lighten,
  Theme,
  ThemeProvider,
} from '@material-ui/core/styles';
import { ReactNode } from 'react';

/** WCAG 2 AA for normal text. */
const AA_CONTRAST = 4.5;

/**
 * `colour` darkened (light themes) or lightened (dark themes) in 10 % steps until text in it
 * reads at {@link AA_CONTRAST} on every one of `backgrounds`; `colour` itself when it already
 * does.
 */
export function readableColour(
  colour: string,
  backgrounds: string[],
  type: 'light' | 'dark',
): string {
  const reads = (candidate: string) =>
    backgrounds.every(bg => getContrastRatio(candidate, bg) >= AA_CONTRAST);
  let readable = colour;
  for (let step = 0; step < 30 && !reads(readable); step++) {
    readable = type === 'dark' ? lighten(readable, 0.1) : darken(readable, 0.1);
  }
  return readable;
}

const readableThemes = new WeakMap<Theme, Theme>();

/**
 * The app's theme with an error colour that reads as text. Backstage's palettes set no
 * `palette.error`, so a field's error label and helper text take Material UI's default red,
 * #f44336: 3.7:1 on white and 3.0:1 on the dark theme's paper, below AA (axe's colour-contrast
 * rule, serious). One theme object per app theme, so styles are not regenerated on re-render.
 */
export function withReadableErrorColour(theme: Theme): Theme {
  let readable = readableThemes.get(theme);
  if (!readable) {
    const { error, background, type } = theme.palette;
    readable = {
      ...theme,
      palette: {
        ...theme.palette,
        error: {
          ...error,
          main: readableColour(
            error.main,
            [background.paper, background.default],
            type,
          ),
        },
      },
    };
    readableThemes.set(theme, readable);
  }
  return readable;
}

/** Its children (forms, dialogs in portals too) with {@link withReadableErrorColour}. */
export function ReadableErrors(props: { children: ReactNode }) {
  return (
    <ThemeProvider theme={withReadableErrorColour}>
      {props.children}
    </ThemeProvider>
  );
}

/** `Component` inside {@link ReadableErrors}: for the plugin's pages and tabs, which hold its forms. */
export function withReadableErrors(
  Component: () => JSX.Element | null,
): () => JSX.Element {
  const Wrapped = () => (
    <ReadableErrors>
      <Component />
    </ReadableErrors>
  );
  Wrapped.displayName = `withReadableErrors(${Component.name})`;
  return Wrapped;
}
