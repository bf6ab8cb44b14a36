import { makeStyles } from '@material-ui/core/styles';
import { useMemo } from 'react';

/*
 * MUI's component class names (`MuiAccordionSummary-root`) get a counter appended in the app
 * (`MuiAccordionSummary-root-1203`): Backstage's Page nests a theme, and under a nested theme MUI
 * numbers them. Its state classes (`Mui-focusVisible`, `Mui-expanded`, `Mui-selected`…) never
 * are. So a component is matched here by the start of its class name, never by `.Mui…-root`.
 */
const useStyles = makeStyles(theme => {
  // A 2 px line in the text colour stands out against the page, a card, a dialog or a menu in
  // both themes (over 10:1 against Backstage's backgrounds, where WCAG asks 3:1).
  const line = `2px solid ${theme.palette.text.primary}`;
  return {
    focusRing: {
      // MUI marks a button, link, expander, checkbox… focused by the keyboard (not by a click)
      // with `Mui-focusVisible`, and shows it only by a faint ripple or a light grey background.
      // The line is drawn 2 px off the control.
      '& .Mui-focusVisible': {
        outline: line,
        outlineOffset: 2,
      },
      // An expander spans its whole panel, whose edge (or a card's hidden overflow) would cut a
      // line drawn outside it: drawn inside instead, on its own background.
      '& [class*="MuiAccordionSummary-root"].Mui-focusVisible': {
        outlineOffset: -2,
      },
    },
    // A menu's paper hides what overflows it sideways, and its options span its width: their
    // line is drawn inside them.
    menuFocusRing: {
      '& .Mui-focusVisible': {
        outline: line,
        outlineOffset: -2,
      },
    },
    // A select without a frame (the table's "Rows per page") is never marked `Mui-focusVisible`,
    // and shows its focus by a 5 % grey background only: the browser's own `:focus-visible`
    // (the keyboard, not a click) draws the line. Doubled to outweigh MUI's `outline: 0` on the
    // same element (InputBase's `:focus`), whatever order the style sheets load in.
    selectFocusRing: {
      '&&:focus-visible': {
        outline: line,
        outlineOffset: 2,
      },
    },
  };
});

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
 * `MenuProps` for a select's menu: it renders in a portal at the end of the page, outside every
 * root with the ring (the dialog's paper too), so the menu's paper gets its own.
 */
function useFocusRingMenuProps() {
  const { menuFocusRing } = useStyles();
  return useMemo(
    () => ({ PaperProps: { className: menuFocusRing } }),
    [menuFocusRing],
  );
}

/** `SelectProps` for a `TextField select`, whose frame shows its own focus: its menu's ring. */
export function useFocusRingSelectProps() {
  const MenuProps = useFocusRingMenuProps();
  return useMemo(() => ({ MenuProps }), [MenuProps]);
}

/**
 * Props for MUI's `TablePagination` that give its "Rows per page" select and that select's menu
 * a visible keyboard focus: `classes.select` (merged with MUI's own) and `SelectProps`.
 */
export function useFocusRingPaginationProps() {
  const { selectFocusRing } = useStyles();
  const MenuProps = useFocusRingMenuProps();
  return useMemo(
    () => ({
      classes: { select: selectFocusRing },
      SelectProps: { MenuProps },
    }),
    [selectFocusRing, MenuProps],
  );
}
