/**
 * A spec path (`/slos/{id}/evaluate`) as a pattern for an express request's `path`: each
 * `{parameter}` is one segment, a trailing slash is allowed, and letters match in any case, as
 * express matches routes.
 */
export function specPathPattern(path: string): RegExp {
  return new RegExp(
    `^${path
      .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      .replace(/\{[^}/]+\}/g, '[^/]+')}/?$`,
    'i',
  );
}

/** A parameter as the spec holds it: inline, or a `$ref` to components. */
export type SpecParameter = {
  $ref?: string;
  name?: string;
  in?: string;
  schema?: { format?: unknown };
};

/** The spec, as far as its paths and shared parameters go (the generated constant is read through it). */
export type SpecDocument = {
  paths: Record<string, Record<string, unknown>>;
  components?: unknown;
};

/** Resolves a listed parameter: itself, or the component its `$ref` names. */
export function specParameterResolver(
  spec: SpecDocument,
): (listed: SpecParameter) => SpecParameter | undefined {
  const shared = (
    spec.components as { parameters?: Record<string, SpecParameter> }
  )?.parameters;
  return listed =>
    listed.$ref ? shared?.[listed.$ref.split('/').pop()!] : listed;
}
