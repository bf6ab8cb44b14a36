import { OwnershipStatus } from '@stewardship/backstage-plugin-stewardship-common';
import { makeStyles } from '@material-ui/core/styles';
import { StatusLabel, StatusTone } from '../StatusLabel';

const useStyles = makeStyles({
  // Whole words: Backstage's theme lets a table cell break a word anywhere, so in a narrow
  // overview card the status read "inval / id". The cell grows to the word instead.
  whole: { whiteSpace: 'nowrap' },
});

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
  const classes = useStyles();
  return (
    <span className={classes.whole}>
      <StatusLabel tone={toneOf(status, required)}>
        {String(status)}
      </StatusLabel>
    </span>
  );
}
