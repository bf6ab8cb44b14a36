/**
 * What went wrong, for a log line or an explanation: an error's message (not its name or stack),
 * or an abort reason or thrown value as text.
 */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
