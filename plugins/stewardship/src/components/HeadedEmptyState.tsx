import { EmptyState } from '@backstage/core-components';
import { Theme, ThemeProvider } from '@material-ui/core/styles';
import { ComponentProps, useCallback } from 'react';

/**
 * Backstage's EmptyState with its title at `headingLevel` in the page's outline. EmptyState
 * always writes its title as an `h5` (its Typography variant): on a tab or a page whose sections
 * are `h2`, a screen reader's list of headings jumped from the page's `h1` to it (axe's
 * heading-order). The title keeps its look; only its tag changes, through the theme's default
 * Typography mapping, for the EmptyState alone.
 */
export function HeadedEmptyState(
  props: ComponentProps<typeof EmptyState> & {
    /** The title's level: one below the heading the empty state stands under (at most 6). */
    headingLevel: number;
  },
) {
  const { headingLevel, ...emptyState } = props;
  const theme = useCallback(
    (outer: Theme): Theme => ({
      ...outer,
      props: {
        ...outer.props,
        MuiTypography: {
          ...outer.props?.MuiTypography,
          variantMapping: {
            ...outer.props?.MuiTypography?.variantMapping,
            h5: `h${Math.min(Math.max(headingLevel, 1), 6)}`,
          },
        },
      },
    }),
    [headingLevel],
  );
  return (
    <ThemeProvider theme={theme}>
      <EmptyState {...emptyState} />
    </ThemeProvider>
  );
}
