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
