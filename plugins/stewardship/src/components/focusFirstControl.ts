import { DialogProps } from '@material-ui/core/Dialog';
import { useEffect, useRef } from 'react';

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

/**
 * A field marked invalid: MUI marks a text field or select with an error `aria-invalid`, and a
 * group of checkboxes or radios (a `FormControl` fieldset with an error) by the `Mui-error`
 * class of its legend.
 */
const INVALID = '[aria-invalid="true"], fieldset > legend.Mui-error';

/** A group's chosen radio: where Tab enters a radio group, rather than at its first radio. */
const CHECKED_RADIO = 'input[type="radio"]:checked:not([disabled])';

/**
 * Focuses the first field inside `root` marked invalid (of an invalid group, its chosen radio or
 * else its first control), if there is one: a form refused on submit leaves focus on its submit
 * button, where a keyboard or screen reader user learns nothing of the fields' messages. True
 * when a field took focus.
 */
export function focusFirstInvalid(root: HTMLElement | null | undefined) {
  const first = root?.querySelector<HTMLElement>(INVALID);
  const group = first?.tagName === 'LEGEND' ? first.parentElement : undefined;
  const target = group
    ? group.querySelector<HTMLElement>(CHECKED_RADIO) ??
      group.querySelector<HTMLElement>(FOCUSABLE)
    : first;
  target?.focus();
  return Boolean(target);
}

/**
 * A ref for the element around a form's fields: each time `errors` is replaced (a refused
 * submit, or a 400 mapped onto the fields), once the fields show it, focus goes to the first field
 * marked invalid. Typing leaves `errors` as it is, so focus stays where the user is.
 */
export function useFocusFirstInvalid<T extends HTMLElement>(errors: unknown) {
  const root = useRef<T>(null);
  useEffect(() => {
    if (errors) focusFirstInvalid(root.current);
  }, [errors]);
  return root;
}
