import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

/**
 * The discard question of a dialog whose form was changed (`useDiscardConfirmation`), driven as
 * a keyboard user meets it: Escape asks `question` with focus on Keep editing and the form still
 * there behind it; Keep editing goes back to `field`, with `typed` kept and nothing closed;
 * Escape again, then Discard, closes the dialog (`onClose` once). The caller checks where focus
 * goes once the dialog has gone.
 */
export async function expectEscapeAsksBeforeDiscarding(options: {
  /** The field typed into (where focus is when Escape is pressed). */
  field: HTMLElement;
  /** What it holds. */
  typed: string;
  onClose: jest.Mock;
  /** The question's title: "Discard this incident?". */
  question: string;
}) {
  const { field, typed, onClose, question } = options;
  await userEvent.keyboard('{Escape}');
  const asked = await screen.findByRole('dialog', { name: question });
  const keep = within(asked).getByRole('button', { name: 'Keep editing' });
  await waitFor(() => expect(keep).toHaveFocus());
  // The form is still there behind the question, with what was typed.
  expect(field).toHaveValue(typed);
  expect(onClose).not.toHaveBeenCalled();

  await userEvent.click(keep);
  await waitFor(() =>
    expect(screen.queryByRole('dialog', { name: question })).toBeNull(),
  );
  expect(onClose).not.toHaveBeenCalled();
  expect(field).toHaveValue(typed);
  // Back in the form, where Escape was pressed.
  expect(field).toHaveFocus();

  await userEvent.keyboard('{Escape}');
  await userEvent.click(
    within(await screen.findByRole('dialog', { name: question })).getByRole(
      'button',
      { name: 'Discard' },
    ),
  );
  expect(onClose).toHaveBeenCalledTimes(1);
}
