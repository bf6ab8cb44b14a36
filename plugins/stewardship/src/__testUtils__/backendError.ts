import { ResponseError } from '@backstage/errors';

/** The error name and status text the backend's error handler gives each status. */
const STATUSES = {
  400: ['InputError', 'Bad Request'],
  403: ['NotAllowedError', 'Forbidden'],
  404: ['NotFoundError', 'Not Found'],
  409: ['ConflictError', 'Conflict'],
  429: ['TooManyRequestsError', 'Too Many Requests'],
  500: ['Error', 'Internal Server Error'],
  503: ['ServiceUnavailableError', 'Service Unavailable'],
} as const;

/**
 * The `ResponseError` the client makes of the backend's answer with status `status` and its JSON
 * error body saying `message`, made by `ResponseError.fromResponse` itself, so a test reads the
 * message where the real client finds it (its own `message` is only "Request failed with …").
 */
export function backendError(
  status: keyof typeof STATUSES,
  message: string,
): Promise<ResponseError> {
  const [name, statusText] = STATUSES[status];
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        response: { statusCode: status },
      }),
      {
        status,
        statusText,
        headers: { 'Content-Type': 'application/json' },
      },
    ),
  );
}

/**
 * The `ResponseError` of a reverse proxy's 502 (an HTML page, no JSON body): what a page gets
 * while the backend behind the proxy restarts, e.g. during a rolling deploy.
 */
export function proxyBadGateway(): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response('<html><body>Bad Gateway</body></html>', {
      status: 502,
      statusText: 'Bad Gateway',
      headers: { 'Content-Type': 'text/html' },
    }),
  );
}

/** What the views say of {@link proxyBadGateway} (`describeRequestFailure`). */
export const BAD_GATEWAY_SAID =
  'The stewardship backend did not answer the request (502 Bad Gateway); it may be down or restarting';
