import { waitFor } from '@testing-library/react';

/**
 * Waits until React has run a MUI button's mount effects (its ripple is there), as it has long
 * before a person can reach the button. `findBy…` answers on the commit that shows it, and
 * MUI's ButtonBase focused by the keyboard before its ripple mounts throws (`pulsate` of null):
 * seen on a loaded machine, after a file's keyboard tests had left MUI's "keyboard in use" flag on.
 */
export async function untilButtonMounted(button: HTMLElement) {
  await waitFor(() =>
    expect(button.querySelector('.MuiTouchRipple-root')).not.toBeNull(),
  );
}
