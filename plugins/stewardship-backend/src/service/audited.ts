import { AuditorService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import type { Request } from 'express';

/**
 * Runs a write as one audit event (`medium`: a write endpoint): initiated, then succeeded with
 * what `describe` says about the result, or failed with the error (which is rethrown).
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
    await audit.fail({ error: error as Error });
    throw error;
  }
}
