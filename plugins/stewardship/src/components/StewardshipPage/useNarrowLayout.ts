import useMediaQuery from '@material-ui/core/useMediaQuery';
import { Theme } from '@material-ui/core/styles';

/**
 * Whether the window is narrower than the `sm` breakpoint (600 px: a phone, a narrow split
 * window). Backstage's `Table` does not reflow: there its columns would squeeze to a few letters
 * or scroll far sideways, so the scorecard lists its rows as cards instead. Read at the first
 * render (`noSsr`), so a narrow window never shows the table first.
 */
export function useNarrowLayout(): boolean {
  return useMediaQuery((theme: Theme) => theme.breakpoints.down('xs'), {
    noSsr: true,
  });
}
