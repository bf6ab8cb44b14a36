import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress } from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  EntityOwnership,
  OWNERSHIP_ROLE_TITLES,
  isRoleSatisfied,
} from '@stewardship/backstage-plugin-stewardship-common';
import { ReactNode } from 'react';
import { useEntityOwnership } from '../../hooks';
import { useOwnershipSignal } from '../../hooks/useOwnershipSignal';
import { useReadAgainWhenDue } from '../../hooks/useReadAgainWhenDue';
import { useRefreshInPlace } from '../../hooks/useRefreshInPlace';
import { OwnerLink } from '../OwnerLink';
import { OwnershipStatusLabel } from '../OwnershipStatusLabel';
import { OWNERSHIP_READ_AGAIN, RefreshFailedNote } from '../RefreshFailedNote';
import { RequestErrorPanel } from '../RequestErrorPanel';
import { useFocusRing } from '../focusRing';

function summary(ownership: EntityOwnership): string {
  if (!ownership.applies) {
    return 'Not covered by the ownership policy';
  }
  const failing = ownership.roles.filter(
    r => r.required && !isRoleSatisfied(r.status),
  ).length;
  if (failing === 0) {
    return 'All required roles in place';
  }
  return failing === 1
    ? '1 role needs attention'
    : `${failing} roles need attention`;
}

function Rows(props: { ownership: EntityOwnership }) {
  const { ownership } = props;
  const specOwner = ownership.specOwner;
  return (
    <Table size="small" aria-label="Ownership roles">
      <TableBody>
        {ownership.roles.map(r => {
          let owner: ReactNode = '—';
          if (r.owner) {
            owner = <OwnerLink owner={r.owner} />;
          } else if (r.value) {
            owner = r.value;
          }
          return (
            <TableRow key={r.role}>
              <TableCell component="th" scope="row" role="rowheader">
                {OWNERSHIP_ROLE_TITLES[r.role] ?? r.role}
              </TableCell>
              <TableCell>{owner}</TableCell>
              <TableCell>
                <OwnershipStatusLabel status={r.status} required={r.required} />
              </TableCell>
            </TableRow>
          );
        })}
        {specOwner && (
          <TableRow>
            <TableCell component="th" scope="row" role="rowheader">
              Owning team
            </TableCell>
            <TableCell colSpan={2}>
              {specOwner.owner ? (
                <OwnerLink owner={specOwner.owner} />
              ) : (
                <EntityRefLink entityRef={specOwner.entityRef} />
              )}
            </TableCell>
          </TableRow>
        )}
      </TableBody>
    </Table>
  );
}

/**
 * A compact ownership summary for the entity overview: each role's owner
 * and status.
 *
 * @public
 */
export function EntityOwnershipCard() {
  const { entity } = useEntity();
  // Read again in place after someone's exemption or confirmation (Backstage signals).
  const { value, loading, error, retry, refresh, refreshError } =
    useRefreshInPlace(useEntityOwnership(entity), stringifyEntityRef(entity));
  useOwnershipSignal(refresh);
  // And when an exemption or a confirmation on it ends, which no signal tells.
  useReadAgainWhenDue(value?.validUntil, value?.evaluatedAt, refresh);
  const focusRing = useFocusRing();

  let content: ReactNode = null;
  if (loading) {
    content = <Progress aria-label="Loading the owners" />;
  } else if (error) {
    content = (
      <RequestErrorPanel error={error} reading="the owners" onRetry={retry} />
    );
  } else if (value && !value.applies) {
    // With the type, as the Ownership tab words it: appliesTo may cover some types of a kind,
    // and "does not cover component entities" would be false for a component of another type.
    const what = value.type
      ? `${value.kind} of type ${value.type}`
      : value.kind;
    content = (
      <Typography variant="body2" color="textSecondary">
        The ownership policy does not cover this kind of entity ({what}).
        Configure stewardship.ownership.appliesTo to check it.
      </Typography>
    );
  } else if (value) {
    content = <Rows ownership={value} />;
  }

  return (
    <InfoCard
      variant="gridItem"
      className={focusRing}
      title="Ownership"
      titleTypographyProps={{ component: 'h3' }}
      subheader={value ? summary(value) : undefined}
      noPadding={Boolean(value?.applies)}
    >
      {content}
      <RefreshFailedNote
        error={refreshError}
        reading="the owners"
        readAgain={OWNERSHIP_READ_AGAIN}
      />
    </InfoCard>
  );
}
