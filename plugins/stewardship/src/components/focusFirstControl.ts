import { DialogProps } from '@material-ui/core/Dialog';

/** What a keyboard can reach, left out: MUI's hidden inputs behind its selects. */
const FOCUSABLE = [
  'input',
  'textarea',
  'select',
  'button',
  'a[href]',
  '[tabindex]',
]
  .map(
    selector =>
      `${selector}:not([disabled]):not([tabindex="-1"]):not([aria-hidden="true"])`,
  )
  .join(', ');

/**
 * Spread on a MUI `Dialog` (`<Dialog {...focusFirstControl} …>`): once it has opened, focus goes to
 * its first field or button. MUI v4 focuses the container around the dialog instead (role "none
 * presentation", outside the element with role "dialog"), where a screen reader announces
 * neither the dialog nor its title and a keyboard user must press Tab before anything is
 * focused. Escape and the return of focus to the opening control stay MUI's. (Not `autoFocus` on
 * each dialog's first field: the lint rules refuse it, and every dialog would repeat it.)
 */
export const focusFirstControl: Pick<DialogProps, 'TransitionProps'> = {
  TransitionProps: {
    // When the opening transition has ended, not as it starts: MUI's ButtonBase (buttons, radios,
    // checkboxes) throws when the keyboard focuses it in the commit that mounts it. Unless the
    // user has moved on already: focus still on the container, where MUI put it.
    onEntered: (container: HTMLElement) => {
      if (document.activeElement === container) {
        container.querySelector<HTMLElement>(FOCUSABLE)?.focus();
      }
    },
  },
};
