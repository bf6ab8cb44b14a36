/**
 * The backend's 400 messages, split into a message per form field.
 *
 * Two shapes arrive: the spec validator's, e.g.
 * `request/body/objective must be < 1, request/body/timeWindow/duration must match pattern "…"`,
 * and the domain validation's, e.g. `Invalid SLO:\nalertPolicies[0].burnRate: exceeds …`.
 * Both paths are normalised to dots (`alertPolicies.0.burnRate`) and then given to the most
 * specific field the form has; what matches no field is returned in `unmatched`.
 */
export interface FieldErrors {
  /** Form field key → the server's message(s) for it. */
  fields: Record<string, string>;
  /** Problems that name no field of the form, shown above it. */
  unmatched: string[];
}

const SPEC_PROBLEM = /^request\/body((?:\/[^\s]+)?) (.+)$/s;
const REQUIRED = /^must have required property '([^']+)'$/;
const DOMAIN_LINE = /^((?:[A-Za-z_$][\w$]*|\[\d+\]|\.)+): (.+)$/s;

/** `a/b/0/c` or `a.b[0].c` → `a.b.0.c`. */
export function normalizePath(path: string): string {
  return path
    .replace(/^\/+/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/\//g, '.')
    .replace(/^\.+/, '');
}

/** The path and message of each problem in one 400 message. */
export function splitProblems(
  message: string,
): Array<{ path?: string; message: string }> {
  const trimmed = message.trim();
  if (trimmed.startsWith('request/')) {
    return trimmed.split(/, (?=request\/)/).map(part => {
      const match = SPEC_PROBLEM.exec(part);
      if (!match) return { message: part };
      let path = normalizePath(match[1]);
      const required = REQUIRED.exec(match[2]);
      if (required) {
        path = path ? `${path}.${required[1]}` : required[1];
      }
      return {
        path: path || undefined,
        message: required ? 'Required' : match[2],
      };
    });
  }
  const lines = trimmed.split('\n');
  if (lines.length > 1 && /^Invalid SLO/.test(lines[0])) {
    return lines.slice(1).map(line => {
      const match = DOMAIN_LINE.exec(line.trim());
      return match && match[1] !== '(root)'
        ? { path: normalizePath(match[1]), message: match[2] }
        : { message: line.trim() };
    });
  }
  return [{ message: trimmed }];
}

/**
 * Gives each problem to the longest field key that equals its path or is a dotted prefix of it
 * (`timeWindow.duration` goes to `timeWindow.duration`, `sli` to `sli`, `sli.good` to `sli.good`
 * when the form has it, else to `sli`). Two problems on one field are joined.
 */
export function mapServerErrors(
  message: string,
  fieldKeys: readonly string[],
): FieldErrors {
  const result: FieldErrors = { fields: {}, unmatched: [] };
  for (const problem of splitProblems(message)) {
    const path = problem.path;
    const key = path
      ? [...fieldKeys]
          .filter(k => path === k || path.startsWith(`${k}.`))
          .sort((a, b) => b.length - a.length)[0]
      : undefined;
    if (key) {
      // A problem on a part of the field (a hidden input, a policy's burnRate) names that part.
      const shown =
        key === path
          ? problem.message
          : `${path!.slice(key.length + 1)}: ${problem.message}`;
      result.fields[key] = result.fields[key]
        ? `${result.fields[key]}; ${shown}`
        : shown;
    } else {
      result.unmatched.push(
        path ? `${path}: ${problem.message}` : problem.message,
      );
    }
  }
  return result;
}

/**
 * The backend's 409 on a name the entity's SLOs already use, led by the field as a 400's problems
 * are: `name: component:default/x already has an SLO named "y" (id <uuid>)`, or `(written by
 * another request at the same time)` when the two writes raced.
 */
const NAME_TAKEN =
  /^name: (\S+) already has an SLO named "(.*)" \((?:id [^)]*|written by another request at the same time)\)$/s;

/** The entity and name of a 409 about a name already taken ({@link NAME_TAKEN}), else undefined. */
export function nameTaken(
  message: string,
): { entityRef: string; name: string } | undefined {
  const match = NAME_TAKEN.exec(message.trim());
  return match ? { entityRef: match[1], name: match[2] } : undefined;
}

/** What the editor says under Name when the entity has an SLO of that name: no id, what to do. */
export function nameTakenMessage(name: string): string {
  return `This entity already has an SLO named "${name}". Choose another name.`;
}

/**
 * The backend's 409 on an import naming SLOs its entities already have, a line per SLO after its
 * heading, each led by the document and the path of the name as a 400's problems are:
 * `SLO names already taken:\ndocument 1: slos[0].name: component:default/x already has an SLO
 * named "y" (id <uuid>). Choose another name.`
 */
const NAMES_TAKEN_HEADING = /^SLO names already taken:\s*\n/;

/**
 * The problem lines of an import's 409 about names already taken ({@link NAMES_TAKEN_HEADING}),
 * without the stored SLOs' ids (the YAML is what to change); undefined for another message.
 */
export function namesTakenProblems(message: string): string[] | undefined {
  const trimmed = message.trim();
  if (!NAMES_TAKEN_HEADING.test(trimmed)) return undefined;
  const lines = trimmed
    .replace(NAMES_TAKEN_HEADING, '')
    .split('\n')
    .map(line => line.trim().replace(/ \(id [^)]*\)/, ''))
    .filter(Boolean);
  return lines.length ? lines : undefined;
}
