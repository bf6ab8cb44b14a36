import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { OwnershipSource } from '@stewardship/backstage-plugin-stewardship-common';

/** Where a role's value was declared, in words. */
export function RoleSource(props: { source?: OwnershipSource }) {
  const { source } = props;
  if (!source) {
    return <>Not declared on this entity or its parents</>;
  }
  if (source.type === 'own') {
    return <>Declared on this entity</>;
  }
  return (
    <>
      Inherited from{' '}
      <EntityRefLink entityRef={source.entityRef}>
        {source.entityRef}
      </EntityRefLink>
    </>
  );
}
