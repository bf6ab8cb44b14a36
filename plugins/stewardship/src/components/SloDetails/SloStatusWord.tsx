import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { SloStatus } from '@stewardship/backstage-plugin-stewardship-common';

const ICONS: Record<SloStatus, () => JSX.Element> = {
  healthy: () => <StatusOK />,
  'at-risk': () => <StatusWarning />,
  exhausted: () => <StatusError />,
  'no-data': () => <StatusAborted />,
};

/**
 * An SLO status as a visible word beside its icon: Backstage's status icons are hidden from
 * screen readers, so the word carries the meaning.
 */
export function SloStatusWord(props: { status: SloStatus }) {
  const Icon = ICONS[props.status];
  return (
    <Box display="inline-flex" alignItems="baseline">
      <Icon />
      <Typography component="span" variant="body1">
        <strong>{props.status}</strong>
      </Typography>
    </Box>
  );
}
