import { ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { useFocusRing } from './focusRing';
import { describeRequestFailure } from './responseErrors';

/**
 * A read that failed, said so a reader knows what happened and what to do: the backend's own
 * sentence (e.g. "No entity component:default/x in the catalog"), that it could not be reached,
 * or what a 401 or a proxy's 429 means, as the panel's title (Backstage's panel alone titles it
 * "Request failed with 404 Not Found" and folds the sentence away); the details below it; and
 * Try again when the view can read again.
 */
export function RequestErrorPanel(props: {
  error: Error;
  /** What the view was reading, e.g. "the SLOs", for the title: "Could not read the SLOs: …". */
  reading?: string;
  onRetry?: () => void;
}) {
  const { error, reading, onRetry } = props;
  const what = describeRequestFailure(error).message;
  // Its own focus ring: a tab that could not read shows this panel alone, without its content's.
  const focusRing = useFocusRing();
  return (
    <div className={focusRing}>
      <ResponseErrorPanel
        error={error}
        title={reading ? `Could not read ${reading}: ${what}` : what}
      />
      {onRetry && (
        <Box mt={1}>
          <Button variant="outlined" onClick={onRetry}>
            Try again
          </Button>
        </Box>
      )}
    </div>
  );
}
