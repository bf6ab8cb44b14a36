import { SloFormState } from './sloForm';

/** Whether two values hold the same data: arrays item by item, objects key by key (any order). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, index) => sameValue(item, b[index]))
    );
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const left = a as Record<string, unknown>;
    const right = b as Record<string, unknown>;
    const keys = Object.keys(left);
    return (
      keys.length === Object.keys(right).length &&
      keys.every(key => key in right && sameValue(left[key], right[key]))
    );
  }
  return false;
}

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
