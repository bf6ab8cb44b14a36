import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { BacklogProviderState } from '@stewardship/backstage-plugin-stewardship-common';
import { formatInstant } from '../formatSlo';
import { itemCount } from './describeBacklog';
import { TRACKER_CONFIG, TRACKER_DOCS } from './trackerConfig';
import { PlainCodeSnippet } from '../PlainCodeSnippet';

function okSentence(state: BacklogProviderState): string {
  return `${state.title}: ${itemCount(state.itemCount)}${
    state.truncated ? ' (only the first ones; it has more open)' : ''
  }${
    state.undated
      ? ` (${itemCount(state.undated)} left out: no readable creation date)`
      : ''
  }`;
}

/**
 * Where the items came from: one line per provider that read its items, and a warning per
 * provider that failed, saying why and what to check. A failing provider never hides the others'
 * items: the list below is then partial, and says so.
 */
export function BacklogProviderStates(props: {
  providers: BacklogProviderState[];
}) {
  const { providers } = props;
  const ok = providers.filter(p => p.status === 'ok');
  const failed = providers.filter(p => p.status === 'error');
  const readAt = providers[0]?.readAt;
  return (
    <Box>
      {failed.map(state => (
        <Box key={state.provider} mb={1}>
          <Alert severity="warning" role="status">
            <strong>
              {state.message ?? `${state.title}: could not be read`}
            </strong>
            {state.retryAfterSeconds !== undefined &&
              ` It asked to wait ${state.retryAfterSeconds} s before the next read.`}{' '}
            The backlog is partial: {state.title}'s items are missing from the
            figures and the list; the other sources are shown.
            {TRACKER_CONFIG[state.provider] && (
              <Box mt={1}>
                <Typography variant="body2">
                  Check the {state.title} settings in app-config.yaml (see{' '}
                  {TRACKER_DOCS}):
                </Typography>
                <PlainCodeSnippet text={TRACKER_CONFIG[state.provider]} />
              </Box>
            )}
          </Alert>
        </Box>
      ))}
      <Typography variant="body2">
        {ok.length > 0
          ? `Read from ${ok.map(okSentence).join('; ')}`
          : 'No source could be read'}
        {readAt ? `, as of ${formatInstant(readAt)}` : ''} (cached briefly).
      </Typography>
    </Box>
  );
}
