import { OwnershipStatus } from '@stewardship/backstage-plugin-stewardship-common';
import { StatusLabel, StatusTone } from '../StatusLabel';

/** @public */
export interface OwnershipStatusLabelProps {
  status: OwnershipStatus;
  /** Problems on optional roles are shown as warnings, not errors. */
  required?: boolean;
}

function toneOf(status: OwnershipStatus, required: boolean): StatusTone {
  switch (status) {
    case 'ok':
      return 'ok';
    case 'orphaned':
      return 'warning';
    case 'exempt':
      // Met for now, by a granted exception: not a problem, not ok either.
      return 'pending';
    case 'missing':
    case 'unresolved':
    case 'invalid':
      return required ? 'error' : 'warning';
    default:
      // A status newer than this UI (the backend may extend the contract).
      return 'aborted';
  }
}

/**
 * An ownership status as a coloured indicator followed by the status word, so it reads the same
 * without colour and to a screen reader.
 *
 * @public
 */
export function OwnershipStatusLabel(props: OwnershipStatusLabelProps) {
  const { status, required = true } = props;
  return (
    <StatusLabel tone={toneOf(status, required)}>{String(status)}</StatusLabel>
  );
}
