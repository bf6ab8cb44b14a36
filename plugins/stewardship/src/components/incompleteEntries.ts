import { useCallback, useRef } from 'react';

/** What a `datetime-local` field shows when it holds a half-typed entry. */
export const INCOMPLETE_DATE_TIME =
  'Enter a complete date and time (or clear the field)';

/** What a `date` field shows when it holds a half-typed entry. */
export const INCOMPLETE_DATE = 'Enter a complete date';

/**
 * The problem with a date or time input that holds a half-typed entry ("12/04/2026 03:00" with
 * AM/PM left empty), or undefined when it is complete or empty. The browser reports such an
 * entry's value as '', the same as an empty field: only `validity.badInput` tells them apart, and
 * a form reading the value alone would send "not given" for what the user typed.
 */
export function incompleteEntryProblem(
  input: HTMLInputElement | null | undefined,
): string | undefined {
  if (!input?.validity?.badInput) return undefined;
  return input.type === 'date' ? INCOMPLETE_DATE : INCOMPLETE_DATE_TIME;
}

/**
 * A form's date and time inputs by field key (`inputRef(key)` on each field's `inputRef`), and
 * `problems()`: field key → message for those holding a half-typed entry, read when the form is
 * submitted. Read from the inputs then rather than kept from change events: an entry that stays
 * half-typed leaves the value '' and so need not fire one.
 */
export function useIncompleteEntries<K extends string>() {
  const inputs = useRef(new Map<K, HTMLInputElement>());
  // One ref callback per key, kept across renders: a new one each render would make React
  // detach and attach the input every time.
  const callbacks = useRef(
    new Map<K, (input: HTMLInputElement | null) => void>(),
  );
  const inputRef = useCallback((key: K) => {
    let callback = callbacks.current.get(key);
    if (!callback) {
      callback = input => {
        if (input) inputs.current.set(key, input);
        else inputs.current.delete(key);
      };
      callbacks.current.set(key, callback);
    }
    return callback;
  }, []);
  const problems = useCallback(() => {
    const found: Partial<Record<K, string>> = {};
    for (const [key, input] of inputs.current) {
      const problem = incompleteEntryProblem(input);
      if (problem) found[key] = problem;
    }
    return found;
  }, []);
  return { inputRef, problems };
}
