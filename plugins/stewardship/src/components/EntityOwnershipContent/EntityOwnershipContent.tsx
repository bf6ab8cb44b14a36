import { Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { EntityOwnership } from '@stewardship/backstage-plugin-stewardship-common';
import { useEffect, useRef, useState } from 'react';
import { useEntityOwnership } from '../../hooks';
import { useOwnershipSignal } from '../../hooks/useOwnershipSignal';
import { useReadAgainWhenDue } from '../../hooks/useReadAgainWhenDue';
import { useRefreshInPlace } from '../../hooks/useRefreshInPlace';
import { ComplianceBanner } from './ComplianceBanner';
import { OwningTeamCard } from './OwningTeamCard';
import { RoleCard } from './RoleCard';
import { RequestErrorPanel } from '../RequestErrorPanel';
import { useFocusRing } from '../focusRing';
import { HeadedEmptyState } from '../HeadedEmptyState';
import { OWNERSHIP_READ_AGAIN, RefreshFailedNote } from '../RefreshFailedNote';
import { formatInstant } from '../formatSlo';
import { NewsLine } from '../NewsLine';
import { describeOwnershipChanges } from './ownershipChanges';

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
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error, retry, refresh, refreshError } =
    useRefreshInPlace(useEntityOwnership(entity), entityRef);
  const focusRing = useFocusRing();

  // What a change made elsewhere did (someone else, or the viewer in another browser tab), read
  // after its signal, shown and said under the banner:
  // "Updated 2026-12-07 10:32 UTC: The product owner was confirmed by omar." A role card's words
  // change in place, easily missed (and never said) by a reader who looked away; the line stays
  // until a later read changes something again. The ownership it replaces, until then.
  const [news, setNews] = useState<string>();
  const signalledFrom = useRef<EntityOwnership>();
  const readChangedElsewhere = () => {
    if (!loading && !error && value) signalledFrom.current = value;
    refresh();
  };
  useOwnershipSignal(readChangedElsewhere);
  // Time alone changes it too, with no signal: an exemption or a confirmation ends.
  useReadAgainWhenDue(
    value?.validUntil,
    value?.evaluatedAt,
    readChangedElsewhere,
  );
  useEffect(() => {
    const before = signalledFrom.current;
    if (!before || loading || !value || value === before) return;
    signalledFrom.current = undefined;
    const changes = describeOwnershipChanges(before, value);
    if (changes) setNews(`Updated ${formatInstant(new Date())}: ${changes}`);
  }, [loading, value]);
  // Another entity is another story.
  useEffect(() => {
    signalledFrom.current = undefined;
    setNews(undefined);
  }, [entityRef]);
  // A change made here: its role card says it (or moves focus to it), and the read after it is
  // not news.
  const ownChange = () => {
    signalledFrom.current = undefined;
    retry();
  };

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
        <NewsLine news={news} />
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
            onChange={ownChange}
          />
        </Grid>
      ))}
      <Grid item xs={12} md={6} xl={3}>
        <OwningTeamCard specOwner={value.specOwner} />
      </Grid>
    </Grid>
  );
}
