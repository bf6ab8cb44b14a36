import { Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { useEntityOwnership } from '../../hooks';
import { useOwnershipSignal } from '../../hooks/useOwnershipSignal';
import { useRefreshInPlace } from '../../hooks/useRefreshInPlace';
import { ComplianceBanner } from './ComplianceBanner';
import { OwningTeamCard } from './OwningTeamCard';
import { RoleCard } from './RoleCard';
import { RequestErrorPanel } from '../RequestErrorPanel';
import { useFocusRing } from '../focusRing';
import { HeadedEmptyState } from '../HeadedEmptyState';
import { OWNERSHIP_READ_AGAIN, RefreshFailedNote } from '../RefreshFailedNote';

/**
 * The Ownership tab of an entity: its business, product and engineering
 * owners, where each came from, its status and how to fix problems.
 *
 * @public
 */
export function EntityOwnershipContent() {
  const { entity } = useEntity();
  // Someone's exemption or confirmation (here or in another tab) is read in place: the cards,
  // and the focus in them, stay until the answer; the banner, a status, says how they now stand.
  const { value, loading, error, retry, refresh, refreshError } =
    useRefreshInPlace(useEntityOwnership(entity), stringifyEntityRef(entity));
  useOwnershipSignal(refresh);
  const focusRing = useFocusRing();

  // Only the first read shows the spinner; a re-read after a change keeps the cards in place.
  if (loading && !value) {
    return <Progress aria-label="Loading the owners" />;
  }
  if (error) {
    return (
      <RequestErrorPanel error={error} reading="the owners" onRetry={retry} />
    );
  }
  if (!value) {
    return null;
  }
  if (!value.applies) {
    const what = value.type
      ? `${value.kind} of type ${value.type}`
      : value.kind;
    return (
      <HeadedEmptyState
        headingLevel={2}
        missing="info"
        title="Ownership is not checked for this entity"
        description={`The Stewardship ownership policy does not cover this kind of entity (${what}). To check its business, product and engineering owners, add it to stewardship.ownership.appliesTo in app-config.yaml.`}
      />
    );
  }

  return (
    <Grid container spacing={3} alignItems="stretch" className={focusRing}>
      <Grid item xs={12}>
        <ComplianceBanner ownership={value} />
        <RefreshFailedNote
          error={refreshError}
          reading="the owners"
          readAgain={OWNERSHIP_READ_AGAIN}
        />
      </Grid>
      {value.roles.map(evaluation => (
        <Grid item xs={12} md={6} xl={3} key={evaluation.role}>
          <RoleCard
            evaluation={evaluation}
            entityRef={value.entityRef}
            onChange={retry}
          />
        </Grid>
      ))}
      <Grid item xs={12} md={6} xl={3}>
        <OwningTeamCard specOwner={value.specOwner} />
      </Grid>
    </Grid>
  );
}
