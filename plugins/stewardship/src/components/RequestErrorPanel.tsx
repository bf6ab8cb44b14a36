import { ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { BusyButton } from './BusyButton';
import { useFocusRing } from './focusRing';
import { describeRequestFailure } from './responseErrors';
import {
  ensureRetryAnnouncer,
  panelFailedAgain,
  PANEL_ATTRIBUTE,
  panelGone,
  retryStarted,
  ShownPanel,
} from './retryOutcome';

/**
 * A read that failed, said so a reader knows what happened and what to do: the backend's own
 * sentence (e.g. "No entity component:default/x in the catalog"), that it could not be reached,
 * or what a 401 or a proxy's 429 means, as the panel's title (Backstage's panel alone titles it
 * "Request failed with 404 Not Found" and folds the sentence away); the details below it; and
 * Try again when the view can read again. After Try again, focus is not lost when the panel
 * goes, and a status line says whether the read succeeded or failed again (`retryOutcome`).
 */
export function RequestErrorPanel(props: {
  error: Error;
  /** What the view was reading, e.g. "the SLOs", for the title: "Could not read the SLOs: …". */
  reading?: string;
  /** The title instead of the one made of `reading` and the failure. */
  title?: string;
  onRetry?: () => void;
  /** Try again was pressed and the read runs: the button says so and ignores presses. */
  retrying?: boolean;
}) {
  const { error, reading, onRetry, retrying = false } = props;
  const what = describeRequestFailure(error).message;
  // Its own focus ring: a tab that could not read shows this panel alone, without its content's.
  const focusRing = useFocusRing();
  const title =
    props.title ?? (reading ? `Could not read ${reading}: ${what}` : what);
  const wrapper = useRef<HTMLDivElement>(null);
  // One object per panel on the page (the retry knows it by identity), saying what it says now.
  const shown = useRef<ShownPanel>();
  if (!shown.current) {
    shown.current = { wrapper: document.body, title };
  }
  const panel = shown.current;
  useLayoutEffect(() => {
    panel.wrapper = wrapper.current!;
    panel.title = title;
  }, [panel, title]);
  useEffect(() => {
    // On the page before any retry is said on it.
    ensureRetryAnnouncer();
    return () => panelGone(panel);
  }, [panel]);
  // A new failure while the retried panel still shows (its caller keeps it during the read).
  const shownError = useRef(error);
  useEffect(() => {
    if (error === shownError.current) return;
    shownError.current = error;
    panelFailedAgain(panel);
  }, [error, panel]);
  const tryAgain = () => {
    retryStarted(panel, reading);
    onRetry?.();
  };
  return (
    <div className={focusRing} ref={wrapper} {...{ [PANEL_ATTRIBUTE]: title }}>
      <ResponseErrorPanel error={error} title={title} />
      {onRetry && (
        <Box mt={1}>
          <BusyButton
            variant="outlined"
            onClick={tryAgain}
            busy={retrying}
            data-retry
          >
            Try again
          </BusyButton>
        </Box>
      )}
    </div>
  );
}

/**
 * The one notice of a view whose reads all fail because the stewardship backend cannot be reached
 * (`isBackendUnreachable`), in place of an error panel per card: that it cannot be reached,
 * what fails (the details), and Try again, which is to read everything again.
 */
export function BackendUnreachablePanel(props: {
  error: Error;
  /**
   * What the view shows once the backend answers, e.g. "the SLOs, release gate … of this
   * entity": the notice's subject, and what a successful Try again says it loaded.
   */
  reading: string;
  onRetry: () => void;
  retrying?: boolean;
}) {
  const { reading } = props;
  const shows = reading.charAt(0).toLocaleUpperCase('en-US') + reading.slice(1);
  return (
    <RequestErrorPanel
      error={props.error}
      reading={reading}
      // What failed (no answer, the proxy's 502 …) is the panel's message and details.
      title={`The Stewardship backend cannot be reached. ${shows} show once it answers: try again in a moment, or ask your Backstage admins whether it is running.`}
      onRetry={props.onRetry}
      retrying={props.retrying}
    />
  );
}
