import { mockServices } from '@backstage/backend-test-utils';

/** One audit event a test saw: how it was created and, once it ended, how. */
export interface CapturedAuditEvent {
  eventId: string;
  /**
   * Everything the event was created with (its id, severity, meta and request), loosely typed
   * so a test reads its meta's fields directly.
   */
  created: { eventId: string } & Record<string, any>;
  /** How it ended, once it did: its outcome, a failure's error, either's meta. */
  ended?: { status: 'succeeded' | 'failed'; error?: Error; meta?: any };
}

/**
 * A mock auditor (`auditor`, whose `factory` gives it to a test backend) that records every
 * event in `events`, in the order they were created (clear it with `events.length = 0` before
 * the writes a test checks).
 */
export function capturingAuditor() {
  const events: CapturedAuditEvent[] = [];
  const auditor = mockServices.auditor.mock({
    createEvent: async created => {
      const entry: CapturedAuditEvent = { eventId: created.eventId, created };
      events.push(entry);
      return {
        success: async (options?: { meta?: any }) => {
          entry.ended = { status: 'succeeded', meta: options?.meta };
        },
        fail: async (options: { error: Error; meta?: any }) => {
          entry.ended = { status: 'failed', ...options };
        },
      };
    },
  });
  return { events, auditor, factory: auditor.factory };
}

/** Each event's id and outcome, in order: what most tests check, without its meta and request. */
export function outcomes(
  events: CapturedAuditEvent[],
): Array<{ eventId: string; outcome?: 'succeeded' | 'failed' }> {
  return events.map(({ eventId, ended }) => ({
    eventId,
    outcome: ended?.status,
  }));
}
