import {
  InfoCard,
  Progress,
  StatusAborted,
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  ReleaseGate,
  ReleaseGateDecision,
  explanationWithLastKnown,
  releaseGateNoteText,
  stewardshipReleaseGateOverridePermission,
} from '@stewardship/backstage-plugin-stewardship-common';
import { Ref, useEffect, useRef, useState } from 'react';
import { stewardshipApiRef } from '../../api';
import { formatInstant, formatPercent } from '../formatSlo';
import { OverrideDialog } from './OverrideDialog';
import { useAbortableAsyncRetry } from '../../hooks/useAbortableAsyncRetry';
import { RefreshableState } from '../../hooks/useRefreshInPlace';
import { useReadAgainWhenDue } from '../../hooks/useReadAgainWhenDue';
import { useRefreshedOnEvaluation } from '../../hooks/useRefreshedOnEvaluation';
import { ActorName } from '../OwnerLink/ActorName';
import { RefreshFailedNote } from '../RefreshFailedNote';
import { RequestErrorPanel } from '../RequestErrorPanel';
import { useStableId } from '../useStableId';
import { decisionText } from './decisionText';
import { describeGateChange } from './gateChanges';
import { NewsLine } from '../NewsLine';
import { kindOfRef } from '../entityRefKind';

const useStyles = makeStyles(theme => ({
  decision: {
    display: 'flex',
    alignItems: 'baseline',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
  // Backstage's theme cuts dense list text to one line; a reason must be read in full, and a
  // long unbroken part of it (a source's answer quoted in a no-data reason) wraps in the card.
  reason: {
    whiteSpace: 'normal',
    overflow: 'visible',
    overflowWrap: 'anywhere',
  },
}));

function DecisionIcon(props: {
  decision: ReleaseGateDecision;
  countedSlos: number;
  countedWithoutData?: number;
}) {
  // Nothing measured (the policy's `noSlos: allow`, or `noData: allow` with no counted SLO
  // having data): no green tick for figures that are not there.
  if (
    props.decision === 'allow' &&
    (props.countedSlos === 0 || props.countedWithoutData === props.countedSlos)
  ) {
    return <StatusAborted />;
  }
  if (props.decision === 'allow') return <StatusOK />;
  if (props.decision === 'warn') return <StatusWarning />;
  return <StatusError />;
}

/** The gate's decision, its reasons, any override and the policy's problems. */

/**
 * How many SLOs the policy counted, and how many of those it allowed without data; when none:
 * whether the entity has none or the policy's labels left them out (then which labels an SLO
 * needs, and where they are set).
 */
export function countedText(gate: ReleaseGate): string {
  const labels = Object.entries(gate.policy.sloLabels ?? {});
  if (gate.countedSlos > 0) {
    const counted = `${gate.countedSlos} SLO${
      gate.countedSlos === 1 ? '' : 's'
    } counted under the error-budget policy`;
    const without = gate.countedWithoutData ?? 0;
    if (without === 0) return `${counted}.`;
    const allowed = 'which the policy allows (noData: allow)';
    if (without < gate.countedSlos) {
      return `${counted}; ${without} of them ${
        without === 1 ? 'has' : 'have'
      } no recent data, ${allowed}.`;
    }
    return gate.countedSlos === 1
      ? `${counted}; it has no recent data, ${allowed}: nothing was measured.`
      : `${counted}; none of them has recent data, ${allowed}: nothing was measured.`;
  }
  if (labels.length === 0) {
    // A system's SLOs tab lists its components' SLOs above this card: they are not the system's.
    return kindOfRef(gate.entityRef) === 'system'
      ? "No SLO counts for this system: it has none of its own (as of this moment). Its components' SLOs count in each component's own release gate, on its SLOs tab."
      : 'No SLO counts for this entity: it has none (as of this moment).';
  }
  return `No SLO counts for this entity: only SLOs labelled ${labels
    .map(([key, value]) => `${key}: ${value}`)
    .join(
      ' and ',
    )} count under the error-budget policy (stewardship.errorBudgetPolicy.sloLabels, or the entity's stewardship.io/release-gate-slo-labels annotation).`;
}

export function ReleaseGateView(props: {
  gate: ReleaseGate;
  onOverride?: () => void;
  /** Why a block cannot be overridden here (no `onOverride`), said where the button would be. */
  noOverride?: string;
  /** The override's notice, focusable from script (the card focuses it once one is granted). */
  overrideRef?: Ref<HTMLDivElement>;
  /** The decision's sentence, focusable from script (the card focuses it after Try again). */
  decisionRef?: Ref<HTMLParagraphElement>;
  /** What a read no one asked for changed, said under the decision (see useGateNews). */
  news?: string;
}) {
  const { gate, onOverride, noOverride, overrideRef, decisionRef, news } =
    props;
  const classes = useStyles();
  // Not React's useId: the plugin supports React 16 and 17.
  const overrideTitle = useStableId('release-gate-override-title');
  const overrideText = useStableId('release-gate-override-text');
  return (
    <>
      <div className={classes.decision}>
        <DecisionIcon
          decision={gate.decision}
          countedSlos={gate.countedSlos}
          countedWithoutData={gate.countedWithoutData}
        />
        <Typography variant="h6" component="p" ref={decisionRef} tabIndex={-1}>
          {decisionText(gate)}
        </Typography>
      </div>
      <Typography variant="body2" color="textSecondary">
        {countedText(gate)}
      </Typography>
      <NewsLine news={news} />
      {gate.override && (
        // A status, not an alert: nothing urgent (shown on every load of an overridden gate, and
        // focused once one is granted here), named by its title so that focus says what it is,
        // and described by its text: a screen reader reading a focused element's name and role
        // only would otherwise leave out who overrode it, until when and why.
        <Alert
          severity="info"
          style={{ marginTop: 8 }}
          ref={overrideRef}
          tabIndex={-1}
          role="status"
          aria-labelledby={overrideTitle}
          aria-describedby={overrideText}
        >
          <AlertTitle id={overrideTitle}>Override in force</AlertTitle>
          <span id={overrideText}>
            {/* UTC to the minute, as the reasons' moments: not the viewer's locale and zone. */}
            Overridden by <ActorName actor={gate.override.createdBy} /> until{' '}
            {formatInstant(gate.override.expiresAt)}: “
            {gate.override.justification}”. The policy alone says{' '}
            {gate.policyDecision}.
          </span>
        </Alert>
      )}
      {gate.reasons.length > 0 && (
        <List dense aria-label="Reasons">
          {gate.reasons.map(reason => (
            <ListItem key={reason.slo.id} disableGutters>
              <ListItemText
                className={classes.reason}
                // A reason without data says, in words, what its SLO was last known to be.
                primary={`${reason.decision}: ${explanationWithLastKnown(
                  reason,
                )}`}
                secondary={[
                  `status ${reason.status}`,
                  // One decimal, as the reason above and the SLOs tab's row write it.
                  reason.budgetRemaining !== undefined &&
                    `budget left ${formatPercent(reason.budgetRemaining, 1)}`,
                  reason.firingPolicies.length > 0 &&
                    `firing: ${reason.firingPolicies.join(', ')}`,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              />
            </ListItem>
          ))}
        </List>
      )}
      {gate.notes && gate.notes.length > 0 && (
        // SLOs the policy allows without data, last known spent or burning: for information, in
        // words ("note:"), never a reason.
        <List dense aria-label="Notes">
          {gate.notes.map(note => (
            <ListItem key={note.slo.id} disableGutters>
              <ListItemText
                className={classes.reason}
                primary={`note: ${releaseGateNoteText(note)}`}
                secondary={`status ${note.status} · last known ${note.lastKnown.status}`}
              />
            </ListItem>
          ))}
        </List>
      )}
      {gate.policyProblems?.map(problem => (
        <Alert key={problem} severity="warning" style={{ marginTop: 8 }}>
          {problem}
        </Alert>
      ))}
      {onOverride && gate.policyDecision === 'block' && !gate.override && (
        <Button
          variant="outlined"
          style={{ marginTop: 8 }}
          onClick={onOverride}
        >
          Override the block…
        </Button>
      )}
      {!onOverride &&
        noOverride &&
        gate.policyDecision === 'block' &&
        !gate.override && (
          <Typography
            variant="body2"
            color="textSecondary"
            style={{ marginTop: 8 }}
          >
            {noOverride}
          </Typography>
        )}
    </>
  );
}

/**
 * What the gate's decision did on a read no one on the page asked for (a signal, a silence read,
 * the answer's `validUntil` passed): "Updated 2026-12-08 10:05 UTC: The release gate now says
 * block (was warn): the override by jane ended." The decision's sentence changes in place, and
 * a reader who looked away, or hears the page, would miss it. A read someone asked for (`asked()`
 * before it: Try again, an override granted here) says its answer itself. Undefined on the first
 * read of a view (an entity, a moment), until a later read changes the decision.
 */
function useGateNews(
  gate: ReleaseGate | undefined,
  view: string,
): { text?: string; asked: () => void } {
  const [text, setText] = useState<string>();
  const shown = useRef<{ view: string; gate?: ReleaseGate }>({ view });
  const asked = useRef(false);
  useEffect(() => {
    const last = shown.current;
    if (last.view !== view) {
      shown.current = { view, gate };
      asked.current = false;
      setText(undefined);
      return;
    }
    if (!gate || gate === last.gate) return;
    shown.current = { view, gate };
    const before = last.gate;
    if (!before || asked.current) {
      asked.current = false;
      return;
    }
    const change = describeGateChange(before, gate);
    if (change)
      setText(`Updated ${formatInstant(gate.evaluatedAt)}: ${change}`);
  }, [gate, view]);
  return {
    text,
    asked: () => {
      asked.current = true;
    },
  };
}

/**
 * The release gate of an entity as loaded by {@link useReleaseGate}; `refresh` reads it again
 * with the decision kept on screen (after new SLO evaluations), `retry` with a progress bar.
 */
export type ReleaseGateState = RefreshableState<ReleaseGate>;

/**
 * Loads the release gate of an entity as of `at` (now when absent). A tab that shows the gate in
 * more than one place (the Backlog tab's advice and its card) loads it once and hands it down.
 * The gate of now is read again, in place, whenever new SLO evaluations are stored.
 */
export function useReleaseGate(entityRef: string, at?: Date): ReleaseGateState {
  const api = useApi(stewardshipApiRef);
  // A Date is a new object on every render; depend on the instant it names.
  const atTime = at?.getTime();
  const state = useAbortableAsyncRetry(
    signal =>
      api.getEntityReleaseGate(entityRef, {
        at: atTime === undefined ? undefined : new Date(atTime),
        signal,
      }),
    [api, entityRef, atTime],
  );
  // Its decision follows the SLOs' statuses: after new evaluations it moves on, in place.
  const live = atTime === undefined;
  const refreshable = useRefreshedOnEvaluation(
    state,
    `${entityRef}@${atTime}`,
    live,
  );
  // And when time alone changes it: an override ends, an evaluation grows stale.
  useReadAgainWhenDue(
    refreshable.value?.validUntil,
    refreshable.value?.evaluatedAt,
    live ? refreshable.refresh : undefined,
  );
  return refreshable;
}

/**
 * The release gate of an entity as of `at`: whether it may ship under the error-budget policy,
 * why, and a way to override a block with a justification and an expiry.
 *
 * @public
 */
export function ReleaseGateCard(props: { entityRef: string; at?: Date }) {
  const gate = useReleaseGate(props.entityRef, props.at);
  return (
    <ReleaseGateCardView
      entityRef={props.entityRef}
      at={props.at}
      gate={gate}
    />
  );
}

/** {@link ReleaseGateCard} for a gate its parent already loaded (an override reloads it). */
export function ReleaseGateCardView(props: {
  entityRef: string;
  at?: Date;
  gate: ReleaseGateState;
}) {
  const atTime = props.at?.getTime();
  const [overriding, setOverriding] = useState(false);
  // Once an override is granted, the button that opened the dialog is gone (the gate no longer
  // blocks), and with it the focus MUI hands back: the new override's notice takes it instead.
  const [focusOverride, setFocusOverride] = useState(false);
  const overrideRef = useRef<HTMLDivElement>(null);
  const decisionRef = useRef<HTMLParagraphElement>(null);
  // Try again pressed: once the gate is read, its button is gone with the error; focus goes to the
  // decision (it stays on the button while the read runs or fails again).
  // A ref, not state: pressing it must not run the effect below before the read has started.
  const focusDecision = useRef(false);
  const { allowed: mayOverride } = usePermission({
    permission: stewardshipReleaseGateOverridePermission,
    resourceRef: props.entityRef,
  });
  const { value, loading, error, retry } = props.gate;
  const news = useGateNews(value, `${props.entityRef}@${atTime}`);
  useEffect(() => {
    if (focusOverride && !loading && value?.override) {
      setFocusOverride(false);
      overrideRef.current?.focus();
    }
  }, [focusOverride, loading, value]);
  useEffect(() => {
    if (!focusDecision.current || loading) return;
    focusDecision.current = false;
    if (!error) decisionRef.current?.focus();
  }, [loading, error]);
  let content;
  if (error) {
    // Kept while Try again reads (its button says so): replacing it with the progress bar would
    // take the focused button away and drop focus to the page.
    content = (
      <RequestErrorPanel
        error={error}
        reading="the release gate"
        onRetry={() => {
          focusDecision.current = true;
          news.asked();
          retry();
        }}
        retrying={loading}
      />
    );
  } else if (loading) {
    content = <Progress aria-label="Loading the release gate" />;
  } else if (value) {
    content = (
      <ReleaseGateView
        gate={value}
        overrideRef={overrideRef}
        decisionRef={decisionRef}
        news={news.text}
        // Overrides are granted now, not as of a past moment, and only where the policy allows.
        onOverride={
          atTime === undefined && mayOverride
            ? () => setOverriding(true)
            : undefined
        }
        noOverride={
          atTime !== undefined
            ? 'Overrides are granted for now, not for a past moment: choose Now to override this block.'
            : // In words: the permission's id is for the admins who write the policy (README).
              'Only people the permission policy allows to override the release gate can grant an override. Ask the owners of this entity or your Backstage admins.'
        }
      />
    );
  }
  return (
    <InfoCard
      title="Release gate"
      titleTypographyProps={{ component: 'h2' }}
      subheader="May this entity ship? The error-budget policy over its SLOs"
    >
      {content}
      <RefreshFailedNote
        error={props.gate.refreshError}
        reading="the release gate"
        shownAsOf={value?.evaluatedAt}
      />
      <OverrideDialog
        open={overriding}
        entityRef={props.entityRef}
        onClose={() => setOverriding(false)}
        onCreated={() => {
          setOverriding(false);
          setFocusOverride(true);
          // Said by the override's notice, which takes focus: not news.
          news.asked();
          retry();
        }}
      />
    </InfoCard>
  );
}
