import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { BacklogProviderState } from '@stewardship/backstage-plugin-stewardship-common';
import { BACKLOG_TRACKER_ANNOTATIONS } from '../../backlogAnnotations';
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

/** The settings that hold a built-in tracker's credentials and its address, in words. */
const TRACKER_KEYS: Record<string, { credentials: string; address: string }> = {
  jira: {
    credentials:
      'stewardship.backlog.jira.email and apiToken (Jira Cloud) or token (Data Center)',
    address: 'stewardship.backlog.jira.baseUrl and product',
  },
  github: {
    credentials:
      "the token (or GitHub App) of the integrations.github entry for the repository's host",
    address:
      "the apiBaseUrl of the integrations.github entry for the repository's host",
  },
};

/** A built-in source: what it lists, and where its facts show when it cannot be read. */
export interface BuiltInSource {
  /** The provider id the backend gives it: `slos`. */
  id: string;
  /** Its items, for a sentence: `SLO breaches`. */
  items: string;
  /** The clause that says it has none open: `no SLO is exhausted or at risk`. */
  noneOpen: string;
  /** Where the same facts show on their own: `the SLOs tab shows each SLO's budget`. */
  shownOn: string;
}

/**
 * The sources the backend reads from its own database for every entity, unlike the trackers an
 * entity names, in the order it lists them (ids as in the backend's built-in providers). Their
 * failure is no evidence that nothing is breached or open, and no tracker setting or annotation
 * would mend it.
 */
export const BUILT_IN_SOURCES: BuiltInSource[] = [
  {
    id: 'slos',
    items: 'SLO breaches',
    noneOpen: 'no SLO is exhausted or at risk',
    shownOn: "the SLOs tab shows each SLO's budget",
  },
  {
    id: 'incident-action-items',
    items: 'incident action items',
    noneOpen: 'no incident action item is open',
    shownOn: 'the Incidents section of the SLOs tab lists them',
  },
];

/** The built-in source a provider id names, or undefined for a tracker. */
export const builtInSource = (provider: string) =>
  BUILT_IN_SOURCES.find(source => source.id === provider);

/** The sentence's first letter in upper case. */
export const capitalized = (text: string) =>
  text.charAt(0).toUpperCase() + text.slice(1);

/** `a`, `a or b`, `a, b or c`. */
const orList = (names: string[]) =>
  names.length > 1
    ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`
    : names[0];

/** The tracker's annotations: those that select its items, or all (narrowing ones too). */
function annotationsOf(provider: string, all: boolean): string | undefined {
  const names = BACKLOG_TRACKER_ANNOTATIONS.filter(
    a => a.providerId === provider && (all || a.selects),
  ).map(a => a.annotation);
  return names.length ? orList(names) : undefined;
}

/**
 * What to check for a failed provider, by the kind of failure the backend says, and whether the
 * settings snippet helps. Only a missing configuration, a rate limit (a token raises it) or a
 * failure of no known kind shows the snippet: an unreachable tracker's settings may be right.
 */
function advice(state: BacklogProviderState): {
  text: string;
  snippet: boolean;
} {
  const { title, provider } = state;
  const builtIn = builtInSource(provider);
  const keys = TRACKER_KEYS[provider];
  const docs = TRACKER_CONFIG[provider] ? ` (see ${TRACKER_DOCS})` : '';
  const inEntity = (all: boolean) => {
    const names = annotationsOf(provider, all);
    return names
      ? `the entity's annotation ${names} in its catalog-info.yaml`
      : `the entity's annotations for ${title} in its catalog-info.yaml`;
  };
  const readAgain = `It is read again on the next visit${
    state.cachedForSeconds
      ? ` (after the cache, ${state.cachedForSeconds} s)`
      : ''
  }.`;
  if (builtIn) {
    return {
      text: `${capitalized(
        builtIn.items,
      )} are read from the Stewardship backend's own database, not from a tracker: no setting or annotation of the entity is at fault. ${readAgain} Meanwhile ${
        builtIn.shownOn
      }; if the failure stays, the backend's log has a line for each failed read.`,
      snippet: false,
    };
  }
  switch (state.kind) {
    case 'unreachable':
      return {
        text: `${title} could not be reached or did not answer in time: it may be down, or the network in between; the settings need not be wrong. ${readAgain} If it stays so, check ${
          keys ? keys.address : `the ${title} address in the settings`
        }${docs}.`,
        snippet: false,
      };
    case 'unavailable':
      return {
        text: `${title} answered with a server error: it may be down or overloaded; the settings need not be wrong. ${readAgain}`,
        snippet: false,
      };
    case 'rejected':
      return {
        text: keys
          ? `Check the credentials in app-config.yaml: ${keys.credentials}, and that they may read what the entity names${docs}.`
          : `Check the ${title} credentials in the backend's settings, and that they may read what the entity names.`,
        snippet: false,
      };
    case 'not-found':
      // A 404 for what the entity names, or for every entity when the address is wrong.
      return {
        text: `Check ${inEntity(
          false,
        )}; if every entity's ${title} read fails so, check ${
          keys ? keys.address : `the ${title} settings`
        }${docs}.`,
        snippet: false,
      };
    case 'invalid-annotation':
      return { text: `Check ${inEntity(false)}.`, snippet: false };
    case 'bad-request':
      return {
        text: `Check ${inEntity(
          true,
        )}: ${title} refused the request they make.`,
        snippet: false,
      };
    case 'moved':
      return {
        text: `Update ${inEntity(false)}, or ${
          keys ? keys.address : `the ${title} settings`
        } if the whole server moved${docs}.`,
        snippet: false,
      };
    case 'bad-answer':
      return {
        text: `${title} answered something that is not its API's answer: check that ${
          keys ? keys.address : `the ${title} settings`
        } point at its API${docs}.`,
        snippet: false,
      };
    case 'not-configured':
    case 'rate-limited':
      return {
        text: `Check the ${title} settings in app-config.yaml${docs}${
          TRACKER_CONFIG[provider] ? ':' : '.'
        }`,
        snippet: true,
      };
    default:
      return {
        text: `Check the ${title} settings and that it is reachable${docs}${
          TRACKER_CONFIG[provider] ? ':' : '.'
        }`,
        snippet: true,
      };
  }
}

function ProviderAdvice(props: { state: BacklogProviderState }) {
  const { text, snippet } = advice(props.state);
  const config = snippet ? TRACKER_CONFIG[props.state.provider] : undefined;
  return (
    <Box mt={1}>
      <Typography variant="body2">{text}</Typography>
      {config && <PlainCodeSnippet text={config} />}
    </Box>
  );
}

/**
 * Where the items came from: one line per provider that read its items, and a warning per
 * provider that failed, saying why and what to check for its kind of failure (see `advice`). A
 * failing provider never hides the others' items: the list below is then partial, and says so.
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
            The backlog is partial:{' '}
            {builtInSource(state.provider)?.items ?? `${state.title}'s items`}{' '}
            are missing from the figures and the list; the other sources are
            shown.
            <ProviderAdvice state={state} />
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
