import Typography from '@material-ui/core/Typography';
import { useEffect, useState } from 'react';
import { formatInstant } from '../formatSlo';
import { formatAge } from './formatAge';

/** How often the age shown grows while the page stays open. */
export const CATALOG_READ_AGE_TICK_MS = 10_000;

/**
 * Seconds since `key` was first shown, counted on this browser's clock (so its skew against the
 * backend's does not matter), and updated every `tickMs`.
 */
function useSecondsSinceShown(key: string, tickMs: number): number {
  const [shown, setShown] = useState(() => ({ key, at: Date.now() }));
  const [now, setNow] = useState(() => Date.now());
  if (shown.key !== key) {
    // A new answer: its age starts again from what the backend said (a render-time update, so
    // the new age never shows with the last answer's elapsed time added).
    const at = Date.now();
    setShown({ key, at });
    setNow(at);
  }
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), tickMs);
    return () => clearInterval(timer);
  }, [tickMs]);
  return Math.max(0, (now - shown.at) / 1000);
}

/**
 * "Catalog read 40 seconds ago", the moment on hover in UTC as every other moment the plugin
 * shows: the org-wide pages' backend reuses one catalog read for a short while (the scorecard's
 * evaluation, the SLO overview's entities). The age is the backend's (`ageSeconds`, against its
 * own clock) plus the time the page has shown it since: a page left open for an hour says so,
 * not "40 seconds ago" still. A caption, not a live region: its ticking is never said.
 */
export function CatalogReadAge(props: { readAt: string; ageSeconds: number }) {
  const { readAt, ageSeconds } = props;
  const since = useSecondsSinceShown(
    `${readAt} ${ageSeconds}`,
    CATALOG_READ_AGE_TICK_MS,
  );
  return (
    <Typography
      variant="caption"
      // Not textSecondary: its grey is 4.47:1 on the page background (axe asks 4.5).
      component="p"
      title={`Catalog read at ${formatInstant(readAt)}`}
    >
      {`Catalog read ${formatAge(ageSeconds + since)}`}
    </Typography>
  );
}
