import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { OwnershipStatus } from '@stewardship/backstage-plugin-stewardship-common';

/** @public */
export interface OwnershipStatusLabelProps {
  status: OwnershipStatus;
  /** Problems on optional roles are shown as warnings, not errors. */
  required?: boolean;
}

/**
 * An ownership status as a coloured indicator followed by the status word,
 * so it reads the same without colour.
 *
 * @public
 */
export function OwnershipStatusLabel(props: OwnershipStatusLabelProps) {
  const { status, required = true } = props;
  switch (status) {
    case 'ok':
      return <StatusOK>{status}</StatusOK>;
    case 'orphaned':
      return <StatusWarning>{status}</StatusWarning>;
    case 'exempt':
      // Met for now, by a granted exception: not a problem, not ok either.
      return <StatusPending>{status}</StatusPending>;
    case 'missing':
    case 'unresolved':
    case 'invalid':
      return required ? (
        <StatusError>{status}</StatusError>
      ) : (
        <StatusWarning>{status}</StatusWarning>
      );
    default:
      // A status newer than this UI (the backend may extend the contract).
      return <StatusAborted>{String(status)}</StatusAborted>;
  }
}
