import { z } from 'zod/v4';

// Unicode control characters (category Cc: C0, DEL and C1). YAML may not carry them unescaped,
// other YAML parsers reject files that do, and no SLO needs them.
// eslint-disable-next-line no-control-regex -- matching them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_BUT_TAB_AND_LINE_FEED =
  // eslint-disable-next-line no-control-regex -- matching them is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** `U+0085`: how a problem names a character. */
export function codePointName(character: string): string {
  const hex = character.codePointAt(0)!.toString(16).toUpperCase();
  return `U+${hex.padStart(4, '0')}`;
}

/**
 * A zod check that rejects control characters, naming the first; free text (descriptions,
 * queries) may hold tabs and line feeds. It stops the checks after it, whose messages would only
 * be confusing about an invisible character.
 */
export function noControlCharacters(options: { freeText: boolean }) {
  const pattern = options.freeText ? CONTROL_BUT_TAB_AND_LINE_FEED : CONTROL;
  return (text: string, ctx: z.RefinementCtx) => {
    const match = pattern.exec(text);
    if (match) {
      ctx.addIssue({
        code: 'custom',
        message: `Contains the control character ${codePointName(
          match[0],
        )} at position ${match.index + 1}; ${
          options.freeText
            ? 'only tabs and line feeds are allowed'
            : 'control characters are not allowed'
        }`,
        continue: false,
      });
    }
  };
}
