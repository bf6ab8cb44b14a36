import { ReleaseGate } from '@stewardship/backstage-plugin-stewardship-common';
import { actorName } from '../EntityOwnershipContent/roleGovernanceText';

/**
 * What changed between two reads of an entity's release gate of now, the second made by itself
 * (new evaluations signalled, a silence read, the first answer's `validUntil` passed), as one
 * sentence: "The release gate now says block (was warn): the override by jane ended." Only the
 * decision is news; its reasons are shown beside it. Undefined when the decision is the same.
 */
export function describeGateChange(
  before: ReleaseGate,
  after: ReleaseGate,
): string | undefined {
  if (before.decision === after.decision) return undefined;
  const ended =
    before.override &&
    !after.override &&
    Date.parse(before.override.expiresAt) <= Date.parse(after.evaluatedAt)
      ? `: the override by ${actorName(before.override.createdBy)} ended`
      : '';
  return `The release gate now says ${after.decision} (was ${before.decision})${ended}.`;
}
