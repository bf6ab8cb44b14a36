import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { ResolvedOwner } from '@stewardship/backstage-plugin-stewardship-common';

/** @public */
export interface OwnerLinkProps {
  owner: ResolvedOwner;
}

/**
 * A resolved owner's display name, linking to its user or group page.
 *
 * @public
 */
export function OwnerLink(props: OwnerLinkProps) {
  const { owner } = props;
  return (
    <EntityRefLink entityRef={owner.entityRef}>
      {owner.displayName}
    </EntityRefLink>
  );
}
