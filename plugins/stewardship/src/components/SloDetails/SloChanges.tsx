import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import { SloRevisionSummary } from '@stewardship/backstage-plugin-stewardship-common';
import { stewardshipApiRef } from '../../api';
import { formatInstant } from '../formatSlo';
import { ActorName } from '../OwnerLink/ActorName';
import { useAbortableAsyncRetry } from '../../hooks/useAbortableAsyncRetry';
import { headingProps } from './headingProps';
import { RequestErrorPanel } from '../RequestErrorPanel';

/** `objective, alertPolicies changed`: what a revision did. */
function revisionWhat(revision: SloRevisionSummary): string {
  if (revision.action !== 'updated') return revision.action;
  if (revision.changedFields.length > 0) {
    return `${revision.changedFields.join(', ')} changed`;
  }
  return 'saved without changes';
}

/**
 * `Version 2: objective, alertPolicies changed by Jane Doe on 2026-11-30 12:00 UTC`, the user or
 * group as the catalog presents it (linked), a service's subject as recorded.
 */
function RevisionLine(props: { revision: SloRevisionSummary }) {
  const { revision } = props;
  return (
    <>
      Version {revision.version}: {revisionWhat(revision)} by{' '}
      <ActorName actor={revision.actor} /> on {formatInstant(revision.at)}
    </>
  );
}

/** Who changed the SLO when, newest first: the SLO's audit trail on the tab. */
export function SloChanges(props: {
  sloId: string;
  version: number;
  /** The level of the card's title. Default 4. */
  headingLevel?: number;
}) {
  const { sloId, version, headingLevel = 4 } = props;
  const api = useApi(stewardshipApiRef);
  // The version in the deps: an edit saved on the tab shows up here.
  const { value, loading, error, retry } = useAbortableAsyncRetry(
    signal => api.listSloRevisions(sloId, { signal }),
    [api, sloId, version],
  );
  return (
    <InfoCard title="Changes" titleTypographyProps={headingProps(headingLevel)}>
      {loading && <Progress aria-label="Loading the changes" />}
      {error && (
        <RequestErrorPanel
          error={error}
          reading="the changes"
          onRetry={retry}
        />
      )}
      {value && value.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          No change is recorded for this SLO.
        </Typography>
      )}
      {value && value.length > 0 && (
        <ol reversed style={{ margin: 0, paddingLeft: 24 }}>
          {[...value].reverse().map(revision => (
            <li key={revision.version}>
              <Typography variant="body2">
                <RevisionLine revision={revision} />
              </Typography>
            </li>
          ))}
        </ol>
      )}
    </InfoCard>
  );
}
