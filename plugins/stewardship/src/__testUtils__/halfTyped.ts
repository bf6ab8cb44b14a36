/**
 * Makes `input` report a half-typed entry (`validity.badInput`) while `bad()` is true, as a
 * browser's date and time inputs do: jsdom implements no `badInput` for them. The value stays
 * '', as the browser reports it, so a test fires the change (or submits) itself.
 */
export function halfTyped(input: HTMLElement, bad: () => boolean) {
  Object.defineProperty((input as HTMLInputElement).validity, 'badInput', {
    configurable: true,
    get: bad,
  });
}
