/*
 * A failed audited write records its error: a rejected request (what the error handler answers
 * with a 4xx) by name and message only, anything else with its stack.
 */
import { Writable } from 'node:stream';
import { AuditorService } from '@backstage/backend-plugin-api';
import { WinstonRootAuditorService } from '@backstage/backend-defaults/auditor';
import { mockServices } from '@backstage/backend-test-utils';
import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { audited } from './audited';

/** An auditor that keeps the error each failed event was given. */
function recordingAuditor() {
  const failures: Error[] = [];
  const auditor: AuditorService = {
    createEvent: async () => ({
      success: async () => {},
      fail: async ({ error }) => {
        failures.push(error);
      },
    }),
  };
  return { auditor, failures };
}

async function failWith(auditor: AuditorService, error: unknown) {
  await expect(
    audited(
      auditor,
      { eventId: 'slo-create' },
      async () => {
        throw error;
      },
      () => ({}),
    ),
  ).rejects.toBe(error);
}

describe('audited', () => {
  it.each([
    ['InputError', new InputError('bad import')],
    ['ConflictError', new ConflictError('an SLO named availability exists')],
    ['NotFoundError', new NotFoundError('no such SLO')],
    ['NotAllowedError', new NotAllowedError('not yours')],
    ['AuthenticationError', new AuthenticationError('no token')],
    [
      'an error with statusCode 413',
      Object.assign(new Error('payload too large'), { statusCode: 413 }),
    ],
  ])('records a client error (%s) without its stack', async (_, error) => {
    const { auditor, failures } = recordingAuditor();
    await failWith(auditor, error);
    expect(failures).toHaveLength(1);
    expect(failures[0].name).toBe(error.name);
    expect(failures[0].message).toBe(error.message);
    expect(failures[0].stack).toBeUndefined();
    // The caller still gets the error as thrown.
    expect(error.stack).toContain(error.message);
  });

  it.each([
    ['Error', new Error('connection reset')],
    ['TypeError', new TypeError('x is undefined')],
    ['ServiceUnavailableError', new ServiceUnavailableError('database down')],
    [
      'an InputError with status 502',
      Object.assign(new InputError('upstream said no'), { status: 502 }),
    ],
  ])('records a server error (%s) as it is', async (_, error) => {
    const { auditor, failures } = recordingAuditor();
    await failWith(auditor, error);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toBe(error);
    expect(failures[0].stack).toContain(error.message);
  });

  it("leaves the stack out of the default auditor's log line for a client error only", async () => {
    const lines: Array<Record<string, unknown>> = [];
    // winston pipes each formatted entry to an object-mode stream with a two-argument `log`.
    const transport = Object.assign(
      new Writable({
        objectMode: true,
        write(info, _encoding, callback) {
          lines.push({ ...info });
          callback();
        },
      }),
      { log: (_info: unknown, callback: () => void) => callback() },
    );
    const auditor = WinstonRootAuditorService.create({
      transports: [transport as any],
    }).forPlugin({
      auth: mockServices.auth(),
      config: mockServices.rootConfig(),
      httpAuth: mockServices.httpAuth(),
      plugin: { getId: () => 'stewardship' },
    });
    await failWith(auditor, new ConflictError('duplicate SLO'));
    await failWith(auditor, new Error('connection reset'));
    const failed = lines.filter(line => line.status === 'failed');
    expect(failed).toEqual([
      expect.objectContaining({
        message: 'stewardship.slo-create duplicate SLO',
        name: 'ConflictError',
        level: 'info',
      }),
      expect.objectContaining({
        message: 'stewardship.slo-create connection reset',
        stack: expect.stringContaining('Error: connection reset'),
      }),
    ]);
    expect(failed[0]).not.toHaveProperty('stack');
  });
});
