/** The HTTP status of a failed request (a `ResponseError`), if it has one. */
export function errorStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** The backend's own message of a `ResponseError`, else the error's message. */
function backendMessage(error: unknown): string {
  const body = (error as { body?: { error?: { message?: unknown } } })?.body;
  if (typeof body?.error?.message === 'string') {
    return body.error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * What a form or dialog says when its request failed: the backend's own message when it
 * answered about the request (a 400 names the field), else what failed in words
 * ({@link describeRequestFailure}): never a proxy's HTML page or JSON quoted as it came.
 */
export function errorMessage(error: unknown): string {
  return describeRequestFailure(error).message;
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

/** What went wrong with a request, for a sentence that does not blame the user's input for it. */
export interface RequestFailure {
  /**
   * `answer`: the stewardship backend answered with its own message about the request (a 4xx
   * with the JSON error body it writes), so the message is about what was sent. `failed`: the
   * request did not get that far (the network, a 5xx, or an answer without the backend's error
   * body, such as the 404 of a route that is not there while the backend is down or restarting).
   */
  kind: 'answer' | 'failed';
  /** The HTTP status, when there was an answer. */
  status?: number;
  /** The backend's message, or what failed in words. */
  message: string;
}

/** The prefix `ResponseError.fromResponse` gives a body it made up because the answer had none. */
const NO_ERROR_BODY = 'Request failed with status ';

/**
 * The messages fetch rejects with when no answer came (refused, offline, CORS), whole: Chromium's
 * "Failed to fetch", Firefox's "NetworkError when attempting to fetch resource.", Safari's "Load
 * failed" and its older wordings, React Native's "Network request failed", Node's "fetch failed".
 * Backstage's FetchApi (its ClarifyFailuresFetchMiddleware) adds the request to Chromium's:
 * "Failed to fetch: GET http://…/api/stewardship/…".
 */
const NO_ANSWER_MESSAGES =
  /^(Failed to fetch(: [A-Z]+ \S+)?|NetworkError when attempting to fetch resource\.?|Load failed|fetch failed|Network request failed|The Internet connection appears to be offline\.?|Could not connect to the server\.?|The network connection was lost\.?)$/;

/**
 * Whether fetch rejected because no answer came: a TypeError with one of
 * {@link NO_ANSWER_MESSAGES}. By name, not `instanceof`: a TypeError from another realm (a test's
 * fetch) is one too. A TypeError of the client's own code (reading a field of undefined while
 * parsing an answer, `fetch is not a function`) is not.
 */
function isNoAnswer(error: unknown): boolean {
  const e = error as Error | undefined;
  return (
    e?.name === 'TypeError' && NO_ANSWER_MESSAGES.test(String(e.message).trim())
  );
}

/**
 * Sorts a failed request ({@link RequestFailure}). `ResponseError.fromResponse` keeps the
 * backend's message in `body.error.message` and says only `Request failed with 404 Not Found` in
 * `message`; when the answer had no JSON error body it makes one up (`Request failed with status
 * 404 Not Found, <the text>`), which is not the backend's word.
 */
export function describeRequestFailure(error: unknown): RequestFailure {
  const status = errorStatus(error);
  if (status === undefined) {
    return {
      kind: 'failed',
      message: isNoAnswer(error)
        ? `The stewardship backend could not be reached: ${
            (error as Error).message
          }`
        : backendMessage(error),
    };
  }
  const message = backendMessage(error);
  const statusText = (error as { statusText?: unknown }).statusText;
  const statusWords = `${status}${
    typeof statusText === 'string' && statusText ? ` ${statusText}` : ''
  }`;
  if (status === 401) {
    // Whatever the body says ("Missing credentials", "Illegal token"), the way forward is the same.
    return {
      kind: 'failed',
      status,
      message: `You are not signed in, or your session has ended (${statusWords}): reload the page to sign in again`,
    };
  }
  if (status === 429 && message.startsWith(NO_ERROR_BODY)) {
    // A proxy's or gateway's rate limit (the backend's own 429s say what was used up).
    const retryAfter = Number(
      (
        error as { response?: { headers?: { get?(name: string): unknown } } }
      ).response?.headers?.get?.('retry-after'),
    );
    return {
      kind: 'failed',
      status,
      message: `Too many requests reached the stewardship backend (${statusWords}): try again ${
        Number.isFinite(retryAfter) && retryAfter > 0
          ? `in ${Math.ceil(retryAfter)} s`
          : 'in a moment'
      }`,
    };
  }
  if (message.startsWith(NO_ERROR_BODY)) {
    return {
      kind: 'failed',
      status,
      message: `The stewardship backend did not answer the request (${statusWords}); it may be down or restarting`,
    };
  }
  if (status >= 500) {
    return {
      kind: 'failed',
      status,
      message: `The stewardship backend failed (${statusWords}): ${message}`,
    };
  }
  return { kind: 'answer', status, message };
}

/**
 * The statuses that, without the backend's JSON error body, say the backend is not there: a
 * gateway's 502, 503 or 504, and Backstage's own 404 for a route no plugin serves (its
 * `notFound` middleware ends the answer without a body), which is what the stewardship routes
 * answer while the backend starts or restarts, or when the plugin is not installed.
 */
const NOT_THERE_STATUSES = [404, 502, 503, 504];

/**
 * Whether a failed request says that the stewardship backend cannot be reached at all, rather
 * than anything about this request: no answer came (fetch's network TypeError: refused,
 * offline), or a proxy, gateway or Backstage's router answered 404, 502, 503 or 504 without the
 * backend's JSON error body. A 404 or 503 the backend writes itself (with its error body: no such
 * entity, a metric source down) is an answer.
 */
export function isBackendUnreachable(error: unknown): boolean {
  const status = errorStatus(error);
  if (status === undefined) {
    return isNoAnswer(error);
  }
  return (
    NOT_THERE_STATUSES.includes(status) &&
    backendMessage(error).startsWith(NO_ERROR_BODY)
  );
}
