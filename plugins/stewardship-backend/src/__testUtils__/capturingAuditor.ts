import { mockServices } from '@backstage/backend-test-utils';

/** One audit event a test saw: its id and, once it ended, its outcome. */
export interface CapturedAuditEvent {
  eventId: string;
  outcome?: 'succeeded' | 'failed';
}

/**
 * An auditor service factory that records every event's id and outcome in `events` (clear it
 * with `events.length = 0` before the writes a test checks).
 */
export function capturingAuditor() {
  const events: CapturedAuditEvent[] = [];
  const factory = mockServices.auditor.mock({
    createEvent: async ({ eventId }) => {
      const entry: CapturedAuditEvent = { eventId };
      events.push(entry);
      return {
        success: async () => {
          entry.outcome = 'succeeded';
        },
        fail: async () => {
          entry.outcome = 'failed';
        },
      };
    },
  }).factory;
  return { events, factory };
}
