import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { SpecOwner } from '@stewardship/backstage-plugin-stewardship-common';
import { OwnerDetails } from '../OwnerDetails';

/** `spec.owner`, the team that owns the entity, shown next to the roles. */
export function OwningTeamCard(props: { specOwner?: SpecOwner }) {
  const { specOwner } = props;
  let content = (
    <Typography variant="body2" color="textSecondary">
      This entity has no spec.owner.
    </Typography>
  );
  if (specOwner?.owner) {
    content = <OwnerDetails owner={specOwner.owner} />;
  } else if (specOwner) {
    content = (
      <>
        <Typography variant="body1">
          <EntityRefLink entityRef={specOwner.entityRef}>
            {specOwner.entityRef}
          </EntityRefLink>
        </Typography>
        <Typography variant="body2" color="textSecondary">
          Not found in the catalog
        </Typography>
      </>
    );
  }
  return (
    <InfoCard
      variant="gridItem"
      title="Owning team"
      titleTypographyProps={{ component: 'h2' }}
      subheader="spec.owner"
    >
      {content}
    </InfoCard>
  );
}
