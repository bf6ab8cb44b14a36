import { sameValue } from './sameValue';
import { SloFormState } from './sloForm';

/**
 * Whether the form differs from what it opened with, so closing it would lose something typed:
 * a value typed and then put back as it was is no change.
 */
export function formChanged(
  state: SloFormState,
  opened: SloFormState,
): boolean {
  return !sameValue(state, opened);
}
