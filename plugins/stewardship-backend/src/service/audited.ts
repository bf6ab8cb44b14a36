import { AuditorService } from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  NotModifiedError,
  isError,
} from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import type { Request } from 'express';

/**
 * The status Backstage's error handler (`MiddlewareFactory.error`) answers with for these error
 * names; it is not exported, so this mirrors its table. Anything else is a 500.
 */
const clientErrorStatus: Record<string, number> = {
  [NotModifiedError.name]: 304,
  [InputError.name]: 400,
  [AuthenticationError.name]: 401,
  [NotAllowedError.name]: 403,
  [NotFoundError.name]: 404,
  [ConflictError.name]: 409,
};

/**
 * Whether the error handler answers this error with a status below 500: an explicit whole
 * `statusCode` or `status` (as it reads them), else the status for its name.
 */
function isClientError(error: unknown): boolean {
  if (!isError(error)) {
    return false;
  }
  for (const field of ['statusCode', 'status'] as const) {
    const status = (error as Record<string, unknown>)[field];
    if (
      typeof status === 'number' &&
      Number.isInteger(status) &&
      status >= 100 &&
      status <= 599
    ) {
      return status < 500;
    }
  }
  return clientErrorStatus[error.name] !== undefined;
}

/**
 * What the audit event records of a failure: a rejected request (a 4xx: a duplicate, bad input,
 * a missing entity) by its name and message only, as its stack says nothing about the server;
 * any other error as it is, stack included.
 */
function auditedError(error: unknown): Error {
  if (!isClientError(error)) {
    return error as Error;
  }
  const { name, message } = error as Error;
  const stackless = new Error(message);
  stackless.name = name;
  delete stackless.stack;
  return stackless;
}

/**
 * Records a request refused before any work as one failed audit event (initiated, then failed):
 * a 4xx by its name and message only, as {@link audited} records one. For refusals no route
 * handler runs for (an unauthenticated webhook's bad signature, a body that does not parse), so
 * `meta` names the sender; never put request contents there that could carry a secret.
 */
export async function auditRejection(
  auditor: AuditorService,
  event: {
    eventId: string;
    severityLevel?: 'low' | 'medium' | 'high' | 'critical';
    meta?: JsonObject;
  },
  error: unknown,
): Promise<void> {
  const audit = await auditor.createEvent({
    eventId: event.eventId,
    severityLevel: event.severityLevel ?? 'medium',
    meta: event.meta,
  });
  await audit.fail({ error: auditedError(error) });
}

/**
 * Runs a write as one audit event (`medium`: a write endpoint): initiated, then succeeded with
 * what `describe` says about the result, or failed with the error (which is rethrown; a client
 * error is recorded without its stack).
 * `request` names the actor; leave it out on a route without Backstage credentials (the auditor
 * would fail to resolve them) and put the sender in `meta`.
 */
export async function audited<T>(
  auditor: AuditorService,
  event: {
    eventId: string;
    request?: Request<any, any, any, any>;
    meta?: JsonObject;
  },
  write: () => Promise<T>,
  describe: (result: T) => JsonObject,
): Promise<T> {
  const audit = await auditor.createEvent({
    eventId: event.eventId,
    severityLevel: 'medium',
    ...(event.request && { request: event.request }),
    meta: event.meta,
  });
  try {
    const result = await write();
    await audit.success({ meta: describe(result) });
    return result;
  } catch (error) {
    await audit.fail({ error: auditedError(error) });
    throw error;
  }
}
