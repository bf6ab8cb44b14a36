import { Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import {
  SloEvaluation,
  SloSpec,
} from '@stewardship/backstage-plugin-stewardship-common';
import { useCallback, useState } from 'react';
import { describeSliPreview } from './describeSliPreview';
import { errorMessage, errorStatus } from '../responseErrors';

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

/** The preview's outcome under the form, announced to screen readers as it arrives. */
export function SliPreview(props: { state: SliPreviewState }) {
  const { state } = props;
  if (state.kind === 'idle') return null;
  return (
    <Box mt={2} role="status" aria-live="polite">
      {state.kind === 'loading' && <Progress aria-label="Previewing the SLI" />}
      {state.kind === 'failed' && (
        <Alert severity="error">{state.message}</Alert>
      )}
      {state.kind === 'done' && (
        <PreviewResult spec={state.spec} evaluation={state.evaluation} />
      )}
    </Box>
  );
}

function PreviewResult(props: { spec: SloSpec; evaluation: SloEvaluation }) {
  const { severity, text } = describeSliPreview(props.spec, props.evaluation);
  return (
    <Alert severity={severity}>
      <strong>SLI preview: </strong>
      {text}
    </Alert>
  );
}
