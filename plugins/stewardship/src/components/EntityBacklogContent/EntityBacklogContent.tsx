import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Alert from '@material-ui/lab/Alert';
import { useEntityBacklog } from '../../hooks';
import { useRefreshedOnEvaluation } from '../../hooks/useRefreshedOnEvaluation';
import { ReleaseGateCardView, useReleaseGate } from '../ReleaseGate';
import { BacklogAgeChart } from './BacklogAgeChart';
import { BacklogEmptyState } from './BacklogEmptyState';
import { BacklogFiguresCard } from './BacklogFiguresCard';
import { BacklogItemsTable } from './BacklogItemsTable';
import { BacklogProviderStates } from './BacklogProviderStates';
import { RefreshFailedNote } from '../RefreshFailedNote';
import { ReleaseAdvice } from './ReleaseAdvice';
import { advisesReliabilityFirst, hasReleaseAdvice } from './adviceRules';
import { trackerAnnotationsOf } from './trackerAnnotations';
import { RequestErrorPanel } from '../RequestErrorPanel';
import { useFocusRing } from '../focusRing';

/**
 * The Backlog tab of an entity: its open work items from its trackers (Jira, GitHub issues) and
 * the built-in items (breached SLOs, open incident action items), the backlog's health figures
 * each with its definition, and the release gate. When the gate warns or blocks, the tab leads
 * with the error-budget policy's advice and lists reliability work first; when it allows a
 * budget that is spent or burning, the advice still says so, for information. A tracker that fails is
 * named with its reason, and the other sources' items are still shown.
 *
 * @public
 */
export function EntityBacklogContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  // Its SLO items follow the SLOs' statuses, as the gate does: both move on after new
  // evaluations, in place.
  const backlog = useRefreshedOnEvaluation(useEntityBacklog(), entityRef);
  const gate = useReleaseGate(entityRef);
  const focusRing = useFocusRing();
  const annotations = trackerAnnotationsOf(entity);
  // The advice waits for the gate: the list's first view depends on it.
  const advised = hasReleaseAdvice(gate.value, backlog.value?.items);
  // The list opens with reliability work first only when the policy asks for it, not when the
  // gate only cannot judge some SLOs.
  const reliabilityFirst = advisesReliabilityFirst(gate.value);

  if (backlog.error) {
    return (
      <RequestErrorPanel
        error={backlog.error}
        reading="the backlog"
        onRetry={() => {
          backlog.retry();
          // The tab shows only this panel: a gate that failed too is read again with it, or
          // its own panel would ask for a second Try again.
          if (gate.error) gate.retry();
        }}
      />
    );
  }
  // The gate is read again after an override: the tab stays (with the gate card's own spinner)
  // rather than turning into a spinner and back, which would drop the keyboard's focus too.
  if (backlog.loading || (gate.loading && !gate.value) || !backlog.value) {
    return <Progress aria-label="Loading the backlog" />;
  }
  const { items, figures, providers } = backlog.value;
  const gateCard = (
    <Grid
      item
      xs={12}
      md={advised ? 5 : 6}
      component="section"
      aria-label="Release gate"
    >
      <ReleaseGateCardView entityRef={entityRef} gate={gate} />
    </Grid>
  );

  return (
    <Grid container spacing={3} className={focusRing}>
      {advised && gate.value && (
        <>
          <Grid
            item
            xs={12}
            md={7}
            component="section"
            aria-label="Release advice"
          >
            <ReleaseAdvice gate={gate.value} items={items} />
          </Grid>
          {gateCard}
        </>
      )}
      <Grid item xs={12} component="section" aria-label="Backlog sources">
        <RefreshFailedNote error={backlog.refreshError} reading="the backlog" />
        <BacklogProviderStates providers={providers} />
        {items.length > 0 && annotations.selecting.length === 0 && (
          <Alert severity="info" style={{ marginTop: 8 }}>
            Only built-in items (breached SLOs, open incident action items):
            this entity names no issue tracker. Add jira/project-key or
            github.com/project-slug to its catalog-info.yaml to list the team's
            issues too.
          </Alert>
        )}
      </Grid>
      {items.length === 0 ? (
        <Grid item xs={12}>
          <BacklogEmptyState annotations={annotations} providers={providers} />
        </Grid>
      ) : (
        <>
          <Grid
            item
            xs={12}
            md={7}
            component="section"
            aria-label="Backlog health"
          >
            <BacklogFiguresCard figures={figures} />
          </Grid>
          <Grid
            item
            xs={12}
            md={5}
            component="section"
            aria-label="Age of open items"
          >
            <BacklogAgeChart figures={figures} />
          </Grid>
          <Grid item xs={12} component="section" aria-label="Open items">
            <BacklogItemsTable
              items={items}
              figures={figures}
              initialView={reliabilityFirst ? 'reliability-first' : 'ranked'}
            />
          </Grid>
        </>
      )}
      {!advised && gateCard}
    </Grid>
  );
}
