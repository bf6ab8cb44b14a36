import Alert from '@material-ui/lab/Alert';
import {
  EntityOwnership,
  OWNERSHIP_ROLE_TITLES,
  isRoleSatisfied,
} from '@stewardship/backstage-plugin-stewardship-common';

/**
 * Whether every required role is in place, or which ones need work. A status, not an alert: it
 * states how things stand when the page loads, where MUI's Alert (role "alert") would interrupt
 * a screen reader every time.
 */
export function ComplianceBanner(props: { ownership: EntityOwnership }) {
  const { ownership } = props;
  const failing = ownership.roles.filter(
    r => r.required && !isRoleSatisfied(r.status),
  );
  const exempt = ownership.roles.filter(r => r.status === 'exempt');

  if (failing.length === 0) {
    return (
      <Alert severity="success" role="status">
        {exempt.length === 0
          ? 'All required ownership roles are in place.'
          : `All required ownership roles are in place or exempt (${exempt
              .map(r => OWNERSHIP_ROLE_TITLES[r.role] ?? r.role)
              .join(', ')}).`}
      </Alert>
    );
  }

  const list = failing
    .map(r => `${OWNERSHIP_ROLE_TITLES[r.role] ?? r.role} (${r.status})`)
    .join(', ');
  const count =
    failing.length === 1 ? '1 role needs' : `${failing.length} roles need`;
  return (
    <Alert severity="warning" role="status">
      {count} attention: {list}.
    </Alert>
  );
}
