/**
 * What fetch refuses in a request header's value once it has trimmed the value's leading and
 * trailing whitespace (so a token file's trailing newline is fine): a line break or NUL inside it
 * (a value pasted across two lines, two tokens in one file), or a character beyond Latin-1. It
 * then refuses every request, and its error quotes the whole value: a credential would be shown
 * wherever the failure is (the metric-sources route, no-data reasons, the backlog's tracker
 * states).
 */
const REFUSED_IN_HEADER = /[\0\r\n\u0100-\uffff]/;

/**
 * Refuses, at start-up, a configured header value (a token, an API key) fetch would refuse,
 * naming `what` it is (e.g. `The bearerToken of metric source "prom"`, or a config key) and never
 * the value.
 */
export function assertHeaderValue(value: string, what: string): string {
  // Trimmed as fetch trims it (HTTP whitespace: tab, line feed, carriage return, space).
  const trimmed = value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
  if (REFUSED_IN_HEADER.test(trimmed)) {
    throw new Error(
      `${what} holds a line break or another character a request header cannot carry (a value pasted across two lines?); the value is not repeated here`,
    );
  }
  return trimmed;
}

/**
 * A network failure's reason without what fetch quotes of the request: its TypeError for an
 * invalid header repeats the header's value, which may be a credential.
 */
export function withoutHeaderValues(reason: string): string {
  return /header/i.test(reason) && /invalid|not a valid/i.test(reason)
    ? 'a request header is not valid (check the configured credentials and headers)'
    : reason;
}
