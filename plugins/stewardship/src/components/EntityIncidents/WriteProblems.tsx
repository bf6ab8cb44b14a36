import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import { IncidentWriteState } from './useIncidentWrite';

/**
 * What a failed write says above its form: problems that name no field, and a 409 (someone else
 * changed the incident) with a Reload that reads their version.
 */
export function WriteProblems(props: {
  state: IncidentWriteState;
  onReload?(): void;
}) {
  const { state, onReload } = props;
  return (
    <>
      {state.conflict && (
        <Alert
          severity="warning"
          role="alert"
          action={
            onReload && (
              <Button color="inherit" size="small" onClick={onReload}>
                Reload
              </Button>
            )
          }
        >
          Someone else changed this incident since you opened it. Reload to see
          their version, then make your change again.
        </Alert>
      )}
      {state.problems.map(problem => (
        <Alert key={problem} severity="error" role="alert">
          {problem}
        </Alert>
      ))}
    </>
  );
}
