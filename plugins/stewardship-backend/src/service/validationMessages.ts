/*
 * The spec validator's 400 messages, in words a caller can act on. The validator writes each
 * problem as `request/<where>/<path> <ajv message>`, joined by `, `; its messages for patterns
 * and formats print the raw regular expression or format name (`must match pattern
 * "^([0-9]+[smhdw])+$"`) and never the value received. Here each known pattern and format is
 * said as the spec's descriptions say it, with the value received when it is a short string, so
 * `?at=2026-01-01T10:00:00+02:00` (the `+` read as a space) shows what arrived. Paths keep the
 * validator's shape (the UI maps them to form fields), with JSON pointer escapes undone. A body
 * value that fits no branch of a `oneOf` without a discriminator gets the problems of the branch
 * it means only ({@link narrowOneOfProblems}).
 */

import {
  branch,
  narrowOneOfProblems,
  Schema,
  schemaAt,
  unescapeSegment,
} from './oneOfProblems';

/** The spec's patterns, in words. A pattern not listed here keeps the validator's message. */
const PATTERN_WORDS: Record<string, string> = {
  '^[a-zA-Z][a-zA-Z0-9]*$':
    'must be letters and digits, starting with a letter (e.g. component)',
  '^[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*$':
    'must be letters and digits, in parts joined by single hyphens (e.g. default)',
  '^[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$':
    'must be letters, digits and - _ . (starting and ending with a letter or digit, e.g. checkout)',
  '^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$':
    'must be lower-case letters, digits and - _ . (starting and ending with a letter or digit, e.g. availability)',
  '^([0-9]+[smhdw])+$':
    'must be a duration in s, m, h, d or w (e.g. 30d or 1h30m)',
  '^([01][0-9]|2[0-3]):[0-5][0-9]$':
    'must be a time of day as HH:mm, from 00:00 to 23:59',
  '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$':
    'must be a time of day as HH:mm, from 00:00 to 24:00',
  '^https?://': 'must be an http(s) address (e.g. https://example.com/page)',
  '^\\d{4}-\\d{2}-\\d{2}$': 'must be a day as YYYY-MM-DD',
};

/** The spec's formats, in words. */
const FORMAT_WORDS: Record<string, string> = {
  'date-time':
    'must be an ISO 8601 date and time with a time zone (e.g. 2026-11-30T12:00:00Z)',
  date: 'must be a day as YYYY-MM-DD',
  uuid: 'must be a UUID (e.g. 7c9e6679-7425-40de-944b-e07fc1f90ae7)',
  // Every `uri` field also has the `^https?://` pattern: said once, as that.
  uri: PATTERN_WORDS['^https?://'],
};

const PROBLEM = /^(request\/(body|query|params|headers)(\S*)) (.+)$/s;
const PATTERN = /^must match pattern "(.*)"$/s;
const FORMAT = /^must match format "(.*)"$/s;

/** The value at a validator path in the request, when it can be found. */
function valueAt(
  request: { body?: unknown; query?: unknown },
  where: string,
  pointer: string,
): unknown {
  let value: unknown;
  if (where === 'body') value = request.body;
  else if (where === 'query') value = request.query;
  for (const segment of pointer.split('/').filter(Boolean)) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[unescapeSegment(segment)];
  }
  return value;
}

/** ` (got "…")` for a short string value; a space in a query value may be a `+` sent as is. */
function received(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.length > 80) return '';
  const plus =
    where === 'query' && value.includes(' ')
      ? '; in a URL a + must be written %2B'
      : '';
  return ` (got ${JSON.stringify(value)}${plus})`;
}

const TYPE = /^must be (string|number|integer|boolean|object|array)$/;

/**
 * A type problem said for what arrived instead, or undefined: a query parameter given twice
 * (which the query parser makes a list) may be given only once; a body field sent as null is not
 * of its type, and a PATCH cannot clear it (the fields that can be cleared take null).
 */
function typeProblemText(
  problem: string,
  value: unknown,
  where: string,
  method: string | undefined,
): string | undefined {
  // Not for a problem of a list as such (`must NOT have more than 5 items`): a parameter the spec
  // takes as a list (none yet) is a list for good reason.
  if (
    where === 'query' &&
    Array.isArray(value) &&
    !/\b(items?|array)\b/.test(problem)
  ) {
    return 'may be given only once';
  }
  const type = TYPE.exec(problem)?.[1];
  if (type && where === 'body' && value === null) {
    return `must be ${type}, not null${
      method === 'PATCH' ? ' (it cannot be cleared)' : ''
    }`;
  }
  return undefined;
}

/** What a request brings to name its unknown fields: the operation the validator matched. */
export interface ValidatedRequest {
  method?: string;
  body?: unknown;
  query?: unknown;
  /** Set by the validator on every documented route. */
  openapi?: {
    schema?: {
      requestBody?: Schema & { content?: Record<string, { schema?: Schema }> };
    };
  };
}

/**
 * The fields of the body object at `pointer` that its schema does not list, and those it lists;
 * undefined when the schema cannot say (a `oneOf` without a discriminator whose branch the
 * value's fields do not single out, say).
 */
function unknownFields(
  request: ValidatedRequest,
  pointer: string,
  spec: unknown,
): { unknown: string[]; allowed: string[] } | undefined {
  const at = schemaAt(
    request.openapi?.schema?.requestBody?.content?.['application/json']?.schema,
    request.body,
    pointer,
    spec,
  );
  const value = at.value;
  const schema = at.schema && branch(at.schema, value, spec);
  if (!schema?.properties || typeof value !== 'object' || value === null) {
    return undefined;
  }
  const allowed = Object.keys(schema.properties);
  const unknown = Object.keys(value).filter(key => !allowed.includes(key));
  return unknown.length > 0 ? { unknown, allowed } : undefined;
}

/**
 * The most problems one message says, and the most unknown fields it names in one: a body can
 * break a rule in thousands of places, and a message naming each would be megabytes.
 */
export const PROBLEMS_SAID = 20;

/** A field name as a message quotes it, a long one cut: a key can be as long as the body. */
const quotedField = (name: string) =>
  `"${name.length > 100 ? `${name.slice(0, 100)}…` : name}"`;

/**
 * `must not have the fields "a", "b" (it takes "c", "d")`: the fields an object does not take,
 * the first {@link PROBLEMS_SAID} named and the rest counted, and those it does.
 */
export function notTakenFieldsText(
  unknown: string[],
  allowed: string[],
): string {
  const named = unknown.slice(0, PROBLEMS_SAID).map(quotedField).join(', ');
  const more =
    unknown.length > PROBLEMS_SAID
      ? ` and ${unknown.length - PROBLEMS_SAID} more`
      : '';
  return `must not have the field${
    unknown.length === 1 ? '' : 's'
  } ${named}${more} (it takes ${allowed.map(quotedField).join(', ')})`;
}

/** `must NOT have additional properties`, naming them and the fields the object takes. */
function additionalFieldsText(
  request: ValidatedRequest,
  pointer: string,
  spec: unknown,
): string | undefined {
  const fields = unknownFields(request, pointer, spec);
  return fields && notTakenFieldsText(fields.unknown, fields.allowed);
}

/**
 * `request/body has 480 more problems (not listed)`: what a message leaves unsaid, as a problem of
 * its own (the UI shows one that names no field above the form).
 */
function unsaidText(unsaid: string[]): string {
  const places = new Set(unsaid.map(part => PROBLEM.exec(part)?.[2]));
  const [place] = places;
  const where = places.size === 1 && place ? `request/${place}` : 'request';
  const count = new Set(unsaid).size;
  return `${where} has ${count} more problem${
    count === 1 ? '' : 's'
  } (not listed)`;
}

/**
 * The validator's message with its patterns and formats in words, the value received where it
 * helps, a body's unknown fields named (from the operation's schema in `spec`), a repeated query
 * parameter or a null body field said as such, and the paths unescaped; the same problem twice
 * (a URL's pattern and format, a repeated parameter's type and enum) once; the first
 * {@link PROBLEMS_SAID} problems, then how many more there are.
 * A message that is not the validator's is returned as it is.
 */
export function readableValidationMessage(
  message: string,
  request: ValidatedRequest = {},
  spec: unknown = {},
): string {
  if (!message.startsWith('request/')) return message;
  const narrowed = narrowOneOfProblems(
    message,
    request.body,
    request.openapi?.schema?.requestBody?.content?.['application/json']?.schema,
    spec,
  );
  const seen = new Set<string>();
  const problems: string[] = [];
  // The validator's problems read so far, so that those left unsaid are counted once each.
  const read = new Set<string>();
  // Once per object: the validator says `must NOT have additional properties` once per field.
  const additionalAt = new Map<string, string | undefined>();
  const parts = narrowed.split(/, (?=request\/)/);
  for (const [index, part] of parts.entries()) {
    if (problems.length === PROBLEMS_SAID) {
      const unsaid = parts.slice(index).filter(rest => !read.has(rest));
      if (unsaid.length > 0) problems.push(unsaidText(unsaid));
      break;
    }
    read.add(part);
    const match = PROBLEM.exec(part);
    if (!match) {
      problems.push(part);
      continue;
    }
    const [, , where, pointer, problem] = match;
    const pattern = PATTERN.exec(problem)?.[1];
    const format = FORMAT.exec(problem)?.[1];
    const isAdditional =
      where === 'body' && problem === 'must NOT have additional properties';
    if (isAdditional && !additionalAt.has(pointer)) {
      additionalAt.set(pointer, additionalFieldsText(request, pointer, spec));
    }
    const additional = isAdditional ? additionalAt.get(pointer) : undefined;
    const words =
      (pattern !== undefined && PATTERN_WORDS[pattern]) ||
      (format !== undefined && FORMAT_WORDS[format]) ||
      undefined;
    const value = valueAt(request, where, pointer);
    const instead = typeProblemText(problem, value, where, request.method);
    const path = `request/${where}${pointer
      .split('/')
      .map(unescapeSegment)
      .join('/')}`;
    let text = `${path} ${problem}`;
    if (additional) text = `${path} ${additional}`;
    else if (instead) text = `${path} ${instead}`;
    else if (words) text = `${path} ${words}${received(value, where)}`;
    if (!seen.has(text)) {
      seen.add(text);
      problems.push(text);
    }
  }
  return problems.join(', ');
}
