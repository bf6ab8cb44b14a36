import { ResponseError } from '@backstage/errors';
import {
  describeRequestFailure,
  errorMessage,
  fieldNamedIn,
  isBackendUnreachable,
} from './responseErrors';

describe('fieldNamedIn', () => {
  const fields = ['justification', 'expiresAt'] as const;

  it('finds the field the spec validator names', () => {
    expect(
      fieldNamedIn(
        'request/body/justification must NOT have more than 2000 characters',
        fields,
      ),
    ).toBe('justification');
  });

  it('finds the field the server quotes, in either quotes', () => {
    expect(
      fieldNamedIn(
        'Invalid request body "expiresAt": at most 7 days from now',
        fields,
      ),
    ).toBe('expiresAt');
    expect(fieldNamedIn("'expiresAt' must be in the future", fields)).toBe(
      'expiresAt',
    );
  });

  it('names no field when the message is about none of them', () => {
    expect(fieldNamedIn('No entity component:default/x', fields)).toBe(
      undefined,
    );
    // A bare word is not a field reference.
    expect(fieldNamedIn('justification needed', fields)).toBe(undefined);
  });
});

describe('describeRequestFailure', () => {
  const answer = (status: number, statusText: string, body: string | null) =>
    ResponseError.fromResponse(
      new Response(body, {
        status,
        statusText,
        headers: body ? { 'Content-Type': 'application/json' } : {},
      }),
    );
  const backendError = (status: number, name: string, message: string) =>
    JSON.stringify({
      error: { name, message },
      response: { statusCode: status },
    });

  it("reads the backend's own message from a 4xx", async () => {
    expect(
      describeRequestFailure(
        await answer(
          404,
          'Not Found',
          backendError(
            404,
            'NotFoundError',
            'No entity group:default/x in the catalog',
          ),
        ),
      ),
    ).toEqual({
      kind: 'answer',
      status: 404,
      message: 'No entity group:default/x in the catalog',
    });
  });

  it("calls an answer without the backend's error body, a 5xx and a network failure failed requests", async () => {
    expect(
      describeRequestFailure(await answer(404, 'Not Found', null)),
    ).toEqual({
      kind: 'failed',
      status: 404,
      message:
        'The stewardship backend did not answer the request (404 Not Found); it may be down or restarting',
    });
    expect(
      describeRequestFailure(
        await answer(502, 'Bad Gateway', '<html>proxy</html>'),
      ),
    ).toEqual({
      kind: 'failed',
      status: 502,
      message:
        'The stewardship backend did not answer the request (502 Bad Gateway); it may be down or restarting',
    });
    expect(
      describeRequestFailure(
        await answer(
          503,
          'Service Unavailable',
          backendError(503, 'ServiceUnavailableError', 'metric source down'),
        ),
      ),
    ).toEqual({
      kind: 'failed',
      status: 503,
      message:
        'The stewardship backend failed (503 Service Unavailable): metric source down',
    });
    expect(describeRequestFailure(new TypeError('Failed to fetch'))).toEqual({
      kind: 'failed',
      message: 'The stewardship backend could not be reached: Failed to fetch',
    });
    // Firefox's and Safari's words for the same.
    for (const words of [
      'NetworkError when attempting to fetch resource.',
      'Load failed',
    ]) {
      expect(describeRequestFailure(new TypeError(words)).message).toBe(
        `The stewardship backend could not be reached: ${words}`,
      );
    }
    // A TypeError of the client's own code is not the backend out of reach, even about fetch.
    for (const words of [
      "Cannot read properties of undefined (reading 'items')",
      "Cannot read properties of undefined (reading 'fetch')",
      'this.fetchApi.fetch is not a function',
    ]) {
      expect(describeRequestFailure(new TypeError(words)).message).not.toMatch(
        /reached/,
      );
    }
  });

  it('says to sign in again on a 401, whatever its body says', async () => {
    for (const body of [
      backendError(401, 'AuthenticationError', 'Missing credentials'),
      null,
    ]) {
      expect(
        describeRequestFailure(await answer(401, 'Unauthorized', body)),
      ).toEqual({
        kind: 'failed',
        status: 401,
        message:
          'You are not signed in, or your session has ended (401 Unauthorized): reload the page to sign in again',
      });
    }
  });

  it("says when to try again after a proxy's 429, and keeps the backend's own", async () => {
    const limited = (retryAfter?: string) =>
      ResponseError.fromResponse(
        new Response('{"message":"API rate limit exceeded"}', {
          status: 429,
          statusText: 'Too Many Requests',
          headers: retryAfter ? { 'Retry-After': retryAfter } : {},
        }),
      );
    expect(describeRequestFailure(await limited('30'))).toEqual({
      kind: 'failed',
      status: 429,
      message:
        'Too many requests reached the stewardship backend (429 Too Many Requests): try again in 30 s',
    });
    expect(describeRequestFailure(await limited()).message).toBe(
      'Too many requests reached the stewardship backend (429 Too Many Requests): try again in a moment',
    );
    expect(
      describeRequestFailure(
        await answer(
          429,
          'Too Many Requests',
          backendError(
            429,
            'TooManyRequestsError',
            'You have used your SLI previews (5, one more every 60 s) — retry in 12 s',
          ),
        ),
      ),
    ).toEqual({
      kind: 'answer',
      status: 429,
      message:
        'You have used your SLI previews (5, one more every 60 s) — retry in 12 s',
    });
  });

  it("gives forms the backend's word for its answers and words for the rest, never a proxy's page", async () => {
    // A 400 about the request: the backend's message, which names the field.
    expect(
      errorMessage(
        await answer(
          400,
          'Bad Request',
          backendError(400, 'InputError', 'Invalid request body "reason"'),
        ),
      ),
    ).toBe('Invalid request body "reason"');
    // nginx's page for a backend that is down: said in words, the HTML left out.
    const down = errorMessage(
      await answer(
        503,
        'Service Unavailable',
        '<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>',
      ),
    );
    expect(down).toBe(
      'The stewardship backend did not answer the request (503 Service Unavailable); it may be down or restarting',
    );
    expect(errorMessage(new TypeError('Failed to fetch'))).toBe(
      'The stewardship backend could not be reached: Failed to fetch',
    );
    // Anything else keeps its own message.
    expect(errorMessage(new Error('Enter a reason'))).toBe('Enter a reason');
  });
});

describe('isBackendUnreachable', () => {
  const answer = (
    status: number,
    statusText: string,
    body: string | null,
    type = 'application/json',
  ) =>
    ResponseError.fromResponse(
      new Response(body, {
        status,
        statusText,
        headers: body ? { 'Content-Type': type } : {},
      }),
    );
  const backendError = (status: number, message: string) =>
    JSON.stringify({
      error: { name: 'ServiceUnavailableError', message },
      response: { statusCode: status },
    });

  it("is true when no answer came, or a gateway or Backstage's router answered 404, 502, 503 or 504 for the backend", async () => {
    expect(isBackendUnreachable(new TypeError('Failed to fetch'))).toBe(true);
    // As Backstage's FetchApi words it in the app.
    expect(
      isBackendUnreachable(
        new TypeError(
          'Failed to fetch: GET http://localhost:7007/api/stewardship/entities/component/default/x/slos',
        ),
      ),
    ).toBe(true);
    expect(
      isBackendUnreachable(
        new TypeError('NetworkError when attempting to fetch resource.'),
      ),
    ).toBe(true);
    expect(isBackendUnreachable(new TypeError('Load failed'))).toBe(true);
    expect(
      isBackendUnreachable(
        new TypeError('The Internet connection appears to be offline.'),
      ),
    ).toBe(true);
    expect(
      isBackendUnreachable(
        await answer(502, 'Bad Gateway', '<html>nginx</html>', 'text/html'),
      ),
    ).toBe(true);
    expect(
      isBackendUnreachable(await answer(503, 'Service Unavailable', null)),
    ).toBe(true);
    expect(
      isBackendUnreachable(await answer(504, 'Gateway Timeout', null)),
    ).toBe(true);
    // Backstage's router, for a route no plugin serves (yet): an empty 404.
    expect(isBackendUnreachable(await answer(404, 'Not Found', null))).toBe(
      true,
    );
  });

  it("is false for the backend's own answers and for other failures", async () => {
    // A TypeError of the client's own code (parsing an answer) is no sign of the backend.
    expect(
      isBackendUnreachable(
        new TypeError("Cannot read properties of undefined (reading 'items')"),
      ),
    ).toBe(false);
    expect(
      isBackendUnreachable(
        new TypeError('this.fetchApi.fetch is not a function'),
      ),
    ).toBe(false);
    // The backend's own 503 (its error body): it was reached.
    expect(
      isBackendUnreachable(
        await answer(
          503,
          'Service Unavailable',
          backendError(503, 'Metric source prom is down'),
        ),
      ),
    ).toBe(false);
    expect(
      isBackendUnreachable(await answer(500, 'Internal Server Error', null)),
    ).toBe(false);
    // The backend's own 404 (its error body): no such entity.
    expect(
      isBackendUnreachable(
        await answer(
          404,
          'Not Found',
          JSON.stringify({
            error: { name: 'NotFoundError', message: 'No entity x' },
            response: { statusCode: 404 },
          }),
        ),
      ),
    ).toBe(false);
    expect(isBackendUnreachable(new Error('boom'))).toBe(false);
    expect(isBackendUnreachable(undefined)).toBe(false);
  });
});
