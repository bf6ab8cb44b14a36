import { ConflictError } from '@backstage/errors';

/**
 * How every 409 for a stale read ends: an SLO or incident changed (a new version, or a move to
 * another entity) after the caller read it, so the write, decided on what they read, is refused.
 * One ending for updates and deletes alike, so a client learns one rule.
 */
export const READ_AGAIN = 'read it again and retry';

/** The 409 for a write decided on a stale read: `<what changed>; read it again and retry`. */
export function staleReadConflict(whatChanged: string): ConflictError {
  return new ConflictError(`${whatChanged}; ${READ_AGAIN}`);
}
