/** The HTTP status of a failed request (a `ResponseError`), if it has one. */
export function errorStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** The backend's own message of a `ResponseError`, else the error's message. */
export function errorMessage(error: unknown): string {
  const body = (error as { body?: { error?: { message?: unknown } } })?.body;
  if (typeof body?.error?.message === 'string') {
    return body.error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * The one of `fields` a 400 message names, for a form of a few fields: the spec validator's
 * `request/body/<field>`, or the server's own `"<field>"` / `'<field>'`.
 */
export function fieldNamedIn<F extends string>(
  message: string,
  fields: readonly F[],
): F | undefined {
  return fields.find(
    field =>
      message.includes(`request/body/${field}`) ||
      message.includes(`"${field}"`) ||
      message.includes(`'${field}'`),
  );
}
