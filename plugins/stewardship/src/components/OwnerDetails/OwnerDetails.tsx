import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { ResolvedOwner } from '@stewardship/backstage-plugin-stewardship-common';
import { OwnerLink } from '../OwnerLink';

/** @public */
export interface OwnerDetailsProps {
  owner: ResolvedOwner;
}

function describe(owner: ResolvedOwner): string {
  if (owner.kind === 'group') {
    const members = owner.memberCount;
    return members === undefined
      ? 'Group'
      : `Group · ${members} member${members === 1 ? '' : 's'}`;
  }
  const groups = owner.groupCount;
  return groups === undefined
    ? 'User'
    : `User · member of ${groups} group${groups === 1 ? '' : 's'}`;
}

/**
 * A resolved owner: linked name, what it is, and a mail link.
 *
 * @public
 */
export function OwnerDetails(props: OwnerDetailsProps) {
  const { owner } = props;
  return (
    <>
      <Typography variant="body1" component="div">
        <OwnerLink owner={owner} />
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {describe(owner)}
      </Typography>
      {owner.email && (
        <Typography variant="body2">
          <Link href={`mailto:${owner.email}`}>{owner.email}</Link>
        </Typography>
      )}
    </>
  );
}
