import { Progress } from '@backstage/core-components';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  SloEvaluation,
  SloSpec,
} from '@stewardship/backstage-plugin-stewardship-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { describeSliPreview } from './describeSliPreview';
import { sameValue } from './sameValue';
import { errorMessage, errorStatus } from '../responseErrors';

const useStyles = makeStyles(theme => ({
  region: { marginTop: theme.spacing(2) },
}));

/** Where the SLI preview of the editor stands. */
export type SliPreviewState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'done'; spec: SloSpec; evaluation: SloEvaluation }
  | { kind: 'failed'; message: string };

/**
 * Runs previews; a failure other than a 400 (which the form shows on its fields) is kept to be
 * shown, and returned either way so the form can map a 400 onto its fields.
 */
export function useSliPreview() {
  const [state, setState] = useState<SliPreviewState>({ kind: 'idle' });
  const run = useCallback(
    async (
      spec: SloSpec,
      evaluate: () => Promise<SloEvaluation>,
    ): Promise<{ status?: number; message: string } | undefined> => {
      setState({ kind: 'loading' });
      try {
        setState({ kind: 'done', spec, evaluation: await evaluate() });
        return undefined;
      } catch (e) {
        const problem = { status: errorStatus(e), message: errorMessage(e) };
        setState(
          problem.status === 400
            ? { kind: 'idle' }
            : {
                kind: 'failed',
                message: `Could not preview the SLI: ${problem.message}`,
              },
        );
        return problem;
      }
    },
    [],
  );
  return { state, run };
}

/**
 * Scrolls the dialog just enough to show `element`, if the browser can (jsdom cannot): what the
 * editor says under its long form is otherwise out of sight while a screen reader announces it.
 */
export function bringIntoView(element: Element | null) {
  if (typeof element?.scrollIntoView === 'function') {
    element.scrollIntoView({ block: 'nearest' });
  }
}

/** What a preview's figures depend on: a change to anything else (name, labels) leaves them true. */
const EVALUATED_FIELDS = [
  'sli',
  'objective',
  'timeWindow',
  'budgetingMethod',
  'timeslice',
  'metricSource',
  'minEvents',
  'schedule',
] as const;

function evaluatedPart(spec: SloSpec) {
  return Object.fromEntries(
    EVALUATED_FIELDS.map(field => [field, spec[field]]),
  );
}

/** Whether a preview made for `previewed` no longer holds for the form's spec now (`current`). */
export function previewOutOfDate(previewed: SloSpec, current: SloSpec) {
  // Through JSON, as the request carries them: a field absent and one set to undefined are alike.
  return !sameValue(
    JSON.parse(JSON.stringify(evaluatedPart(previewed))),
    JSON.parse(JSON.stringify(evaluatedPart(current))),
  );
}

/**
 * The preview's outcome under the form, announced to screen readers as it arrives and scrolled
 * into view: the form is longer than the dialog, and focus stays on Preview SLI. Once the form's
 * spec (`current`) differs from the one previewed in what the figures depend on, the figures are
 * replaced by a note that they are out of date: they would read as the new objective's.
 */
export function SliPreview(props: {
  state: SliPreviewState;
  current: SloSpec;
}) {
  const { state, current } = props;
  const classes = useStyles();
  const region = useRef<HTMLDivElement>(null);
  // Each outcome is a new state object: a second preview with the same answer scrolls again.
  useEffect(() => {
    if (state.kind === 'done' || state.kind === 'failed') {
      bringIntoView(region.current);
    }
  }, [state]);
  if (state.kind === 'idle') return null;
  return (
    <div
      className={classes.region}
      role="status"
      aria-live="polite"
      ref={region}
    >
      {state.kind === 'loading' && (
        <>
          {/* Text, which the live region announces (a progress bar's label it does not). */}
          <Typography variant="body2">
            Previewing the SLI: asking the metric source…
          </Typography>
          <Progress aria-label="Previewing the SLI" />
        </>
      )}
      {/* The region announces; an Alert's own role would announce it twice. */}
      {state.kind === 'failed' && (
        <Alert severity="error" role="none">
          {state.message}
        </Alert>
      )}
      {state.kind === 'done' &&
        (previewOutOfDate(state.spec, current) ? (
          <Alert severity="info" role="none">
            <strong>SLI preview out of date: </strong>
            the queries, objective, window, budgeting, schedule or metric source
            changed since it was made. Press Preview SLI to see what the form
            counts now.
          </Alert>
        ) : (
          <PreviewResult spec={state.spec} evaluation={state.evaluation} />
        ))}
    </div>
  );
}

function PreviewResult(props: { spec: SloSpec; evaluation: SloEvaluation }) {
  const { severity, text } = describeSliPreview(props.spec, props.evaluation);
  return (
    <Alert severity={severity} role="none">
      <strong>SLI preview: </strong>
      {text}
    </Alert>
  );
}
