import { SloStatus } from '@stewardship/backstage-plugin-stewardship-common';
import { StatusLabel, StatusTone } from '../StatusLabel';

/** What an SLO row shows as its status: the evaluated status, or `stale` without an evaluation. */
export type SloDisplayStatus = SloStatus | 'stale';

function toneOf(status: SloDisplayStatus): StatusTone {
  switch (status) {
    case 'healthy':
      return 'ok';
    case 'at-risk':
      return 'warning';
    case 'exhausted':
      return 'error';
    case 'stale':
      return 'pending';
    default:
      return 'aborted';
  }
}

/** An SLO status as a coloured icon followed by the status word (see {@link StatusLabel}). */
export function SloStatusLabel(props: {
  status: SloDisplayStatus;
  variant?: 'body1' | 'body2';
}) {
  return (
    <StatusLabel tone={toneOf(props.status)} variant={props.variant}>
      {props.status}
    </StatusLabel>
  );
}
