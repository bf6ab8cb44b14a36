import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { ResolvedOwner } from '@stewardship/backstage-plugin-stewardship-common';

/** @public */
export interface OwnerLinkProps {
  owner: ResolvedOwner;
}

/**
 * A resolved owner's display name, linking to its user or group page. An owner the catalog
 * does not let the viewer read is named by its ref, unlinked (its page would say it does not
 * exist), and says so.
 *
 * @public
 */
export function OwnerLink(props: OwnerLinkProps) {
  const { owner } = props;
  if (owner.hidden) {
    return <span>{owner.entityRef} (not visible to you in the catalog)</span>;
  }
  return (
    <EntityRefLink entityRef={owner.entityRef}>
      {owner.displayName}
    </EntityRefLink>
  );
}
