import { ResponseError } from '@backstage/errors';
import { describeRequestFailure, fieldNamedIn } from './responseErrors';

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
  });
});
