import Typography from '@material-ui/core/Typography';
import { formatInstant } from '../formatSlo';
import { formatAge } from './formatAge';

/**
 * "Catalog read 40 seconds ago", the moment on hover in UTC as every other moment the plugin
 * shows: the org-wide pages' backend reuses one catalog read for a short while (the scorecard's
 * evaluation, the SLO overview's entities).
 */
export function CatalogReadAge(props: { readAt: string; ageSeconds: number }) {
  return (
    <Typography
      variant="caption"
      // Not textSecondary: its grey is 4.47:1 on the page background (axe asks 4.5).
      component="p"
      title={`Catalog read at ${formatInstant(props.readAt)}`}
    >
      {`Catalog read ${formatAge(props.ageSeconds)}`}
    </Typography>
  );
}
