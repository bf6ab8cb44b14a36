import fc from 'fast-check';
import { Schema } from './schemaArbitrary';

/** A bad value and what is bad about it (the case's label in the report). */
export interface BadValue {
  value: string;
  why: string;
}

const bad = (why: string, ...values: string[]): fc.Arbitrary<BadValue> =>
  fc.constantFrom(...values).map(value => ({ value, why }));

// C0, DEL and C1 controls (NUL and U+0080–U+009F among them), line separators, a BOM, a lone
// surrogate, and a terminal escape: characters that break logs, YAML and naive parsers.
const CONTROL_CHARACTERS = [
  '\u0000',
  '\u0001',
  '\u0008',
  '\u000b',
  '\u001b[31m',
  '\u007f',
  '\u0080',
  '\u0085',
  '\u009b',
  '\u009f',
  '\u2028',
  '\ufeff',
  '\ud800',
];
const EMOJI = ['🚀', '👩‍👩‍👧‍👦', '🏳️‍🌈', '\u202eevil', 'ｃａｒｔ', '\u212a'];

/** A string with a control character somewhere in it. */
export const controlCharacterText = fc
  .tuple(fc.constantFrom(...CONTROL_CHARACTERS), fc.constantFrom('', 'cart'))
  .map(([control, text]) => `${text}${control}${text}`);

/** A string with an emoji, a right-to-left override or full-width letters. */
export const emojiText = fc
  .tuple(fc.constantFrom(...EMOJI), fc.constantFrom('', 'cart'))
  .map(([emoji, text]) => `${text}${emoji}`);

/** A long string; the longest stay under Node's 16 KB header limit when sent in a URL. */
export const hugeText = (maxLength: number) =>
  fc
    .tuple(
      fc.integer({ min: 256, max: maxLength }),
      fc.constantFrom('a', 'é', '🚀', '%', 'a-'),
    )
    .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)));

/**
 * Cut so that the percent-encoded text stays under 12 KB: Node answers 431 itself, before any
 * plugin code runs, for a request line and headers over 16 KB.
 */
function fitInUrl(text: string): string {
  let fitted = text;
  while (
    encodeURIComponent(Buffer.from(fitted, 'utf8').toString('utf8')).length >
    12_000
  ) {
    fitted = fitted.slice(0, Math.floor(fitted.length * 0.8));
  }
  return fitted;
}

/**
 * Values of a path or query parameter that break its schema (or, for `at`, the server's rule that
 * it is not in the future), chosen by the parameter's type and format, plus the kinds of bad input
 * every string parameter gets: huge, control characters, emoji, empty.
 */
export function badParameterValues(schema: Schema): fc.Arbitrary<BadValue> {
  const common = [
    hugeText(6000).map(value => ({ value: fitInUrl(value), why: 'huge' })),
    controlCharacterText.map(value => ({ value, why: 'control-character' })),
    emojiText.map(value => ({ value, why: 'emoji' })),
    bad('empty', '', ' '),
  ];
  const specific: Array<fc.Arbitrary<BadValue>> = [];
  if (schema.type === 'integer') {
    const { minimum: min, maximum: max } = schema;
    specific.push(
      bad('not-an-integer', 'abc', '1.5', 'NaN', 'Infinity', '[]', 'true'),
      bad(
        'out-of-range',
        ...(min !== undefined ? [String(min - 1), String(min - 1000)] : []),
        ...(max !== undefined ? [String(max + 1)] : []),
        '99999999999999999999',
        '-99999999999999999999',
      ),
    );
  }
  if (schema.format === 'uuid') {
    specific.push(
      bad(
        'non-uuid',
        'not-a-uuid',
        '00000000-0000-4000-8000-00000000000',
        '00000000000040008000000000000000',
        '{00000000-0000-4000-8000-000000000000}',
        '00000000-0000-4000-8000-000000000000x',
        '..',
        "' OR 1=1 --",
      ),
    );
  }
  if (schema.format === 'date-time') {
    specific.push(
      bad(
        'bad-date-time',
        '2026-02-30T00:00:00Z',
        '2016-12-31T23:59:60Z',
        '2026-01-01T00:00:00',
        '2026-01-01',
        'yesterday',
        '2026-01-01T00:00:00+25:00',
        '+275760-09-13T00:00:00Z',
        '0000-01-01T00:00:00Z',
      ),
      bad('future', '2999-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z'),
    );
  }
  if (schema.enum) {
    specific.push(
      bad(
        'not-in-enum',
        ...schema.enum.map((value: string) => value.toUpperCase()),
        'xml',
        'true ',
      ),
    );
  }
  if (schema.pattern) {
    specific.push(
      bad('pattern', 'Has Space', 'a/b', '-lead', 'trail-', 'a..b', 'x:y'),
    );
  }
  if (schema.maxLength !== undefined) {
    specific.push(
      fc.constant({
        value: 'a'.repeat(schema.maxLength + 1),
        why: 'too-long',
      }),
    );
  }
  return fc.oneof(...specific, ...common);
}

/**
 * A list far longer than any in a body may be (the spec's longest `maxItems` is 100), of numbers
 * where every list takes strings or objects: a validator that checks every item reports each
 * (500,000 of them made a 23 MB reply). 20,000 (40 KB) show it and keep the fuzz step quick.
 */
const HUGE_WRONG_LIST: unknown[] = Array(20_000).fill(1);

/** An object of 5,000 fields that no schema of the spec takes: reported once each, likewise. */
const HUGE_UNKNOWN_OBJECT: Record<string, number> = Object.fromEntries(
  Array.from({ length: 5_000 }, (_, i) => [`field${i}`, i]),
);

/** Replacements for a JSON value that break its type or range, or smuggle odd text in. */
export const badJsonValues: fc.Arbitrary<{ value: unknown; why: string }> =
  fc.oneof(
    fc
      .constantFrom(null, true, [], {}, 'text', 7, [1, 'a'], { x: 1 })
      .map(value => ({ value, why: 'wrong-type' })),
    fc
      .constantFrom(-1, 0, 1, 1.5, 2, 100.5, 1e308, -1e308, 5e-324, 2 ** 53 + 1)
      .map(value => ({ value, why: 'out-of-range' })),
    fc.oneof(
      hugeText(200_000).map(value => ({ value, why: 'huge' })),
      fc.constant({ value: HUGE_WRONG_LIST, why: 'huge-list' }),
      fc.constant({ value: HUGE_UNKNOWN_OBJECT, why: 'huge-object' }),
    ),
    controlCharacterText.map(value => ({ value, why: 'control-character' })),
    emojiText.map(value => ({ value, why: 'emoji' })),
  );

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Moments a date-time field must refuse, or may take only on a rule of its own: year 0000, a
 * leap second at the end of 9999, offsets of 24 hours and more, days that do not exist, hour 24,
 * no time zone. The server may accept the odd but valid ones (a leap second, year 9999): the
 * fuzz fails on a 5xx, an answer outside the spec or rows changed by a rejected request.
 */
const BAD_DATE_TIMES = [
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:60Z',
  '9999-12-31T23:59:59.999Z',
  '2026-01-01T00:00:00+24:00',
  '2026-01-01T00:00:00-25:30',
  '2026-01-01T00:00:00+99:99',
  '2026-02-30T00:00:00Z',
  '2026-04-31T12:00:00Z',
  '2026-01-01T24:00:00Z',
  '2026-01-01T00:00:00',
  '+275760-09-13T00:00:00Z',
];

/** Days a date field must refuse, or may take only on a rule of its own. */
const BAD_DAYS = [
  '0000-01-01',
  '9999-12-31',
  '2026-02-30',
  '2025-02-29',
  '2026-13-01',
  '2026-00-10',
  '2026-1-1',
  '2026-01-01T00:00:00Z',
];

/**
 * Replacements for a JSON value ({@link badJsonValues}), with bad dates and times weighted in
 * where the valid value is one (a date-time or a day).
 */
export function badJsonValuesFor(
  valid: unknown,
): fc.Arbitrary<{ value: unknown; why: string }> {
  const dates =
    typeof valid === 'string' &&
    ((DATE_TIME.test(valid) && bad('bad-date-time', ...BAD_DATE_TIMES)) ||
      (DAY.test(valid) && bad('bad-date', ...BAD_DAYS)));
  return dates
    ? fc.oneof(
        { weight: 2, arbitrary: dates },
        { weight: 1, arbitrary: badJsonValues },
      )
    : badJsonValues;
}
