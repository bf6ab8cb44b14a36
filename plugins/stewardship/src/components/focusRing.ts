import { makeStyles } from '@material-ui/core/styles';
import { useMemo } from 'react';

const useStyles = makeStyles(theme => ({
  focusRing: {
    // MUI marks a button, link, expander, checkbox… focused by the keyboard (not by a click) with
    // `Mui-focusVisible`, and shows it only by a faint ripple or a light grey background. A 2 px
    // line in the text colour, 2 px off the control, stands out against the page, a card or a
    // dialog in both themes (over 10:1 against Backstage's backgrounds, where WCAG asks 3:1).
    '& .Mui-focusVisible': {
      outline: `2px solid ${theme.palette.text.primary}`,
      outlineOffset: 2,
    },
    // An expander spans its whole panel, whose edge (or a card's hidden overflow) would cut a
    // line drawn outside it: drawn inside instead, on its own background.
    '& .MuiAccordionSummary-root.Mui-focusVisible': {
      outlineOffset: -2,
    },
  },
}));

/**
 * The class that gives every control inside an element a clearly visible keyboard focus: set it
 * on each root the plugin renders (a tab's content, a card, a page's content) and on each
 * dialog's paper, which MUI renders outside those roots. Backstage's own header, tabs and sidebar
 * stay as the app styles them.
 */
export function useFocusRing(): string {
  return useStyles().focusRing;
}

/**
 * `SelectProps` for a `TextField select`: its menu renders in a portal at the end of the page,
 * outside every root with the ring (the dialog's paper too), so the menu's paper gets its own.
 */
export function useFocusRingSelectProps() {
  const focusRing = useFocusRing();
  return useMemo(
    () => ({ MenuProps: { PaperProps: { className: focusRing } } }),
    [focusRing],
  );
}
