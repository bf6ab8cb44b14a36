import { CodeSnippet } from '@backstage/core-components';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CopyIcon from '@material-ui/icons/FileCopy';
import { ComponentProps } from 'react';
import { useCopyWithStatus } from './useCopyWithStatus';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(0.5),
  },
  snippet: { flex: '1 1 auto', minWidth: 0 },
  copy: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
  },
}));

/** How long "Copied" shows after a copy; "Could not copy" stays until the next one. */
const SAID_FOR_MS = 3000;

/**
 * A copy button named after what it copies, with a status that says "Copied" (or that it could
 * not copy). Backstage's CodeSnippet names its button "Copy text" whatever it holds, so a page with
 * several snippets offered several buttons a screen reader could not tell apart.
 */
function NamedCopyButton(props: { text: string; label: string }) {
  const classes = useStyles();
  const [outcome, copy] = useCopyWithStatus({
    showFor: copied => (copied ? SAID_FOR_MS : undefined),
  });

  return (
    <div className={classes.copy}>
      <Tooltip title={props.label}>
        <IconButton
          size="small"
          aria-label={props.label}
          onClick={() => copy(props.text)}
        >
          <CopyIcon fontSize="small" />
        </IconButton>
      </Tooltip>
      {/* In the page from the start, so that a screen reader hears it when its words change; a
          new node per copy, so that it hears the same words again. */}
      <Typography variant="caption" role="status">
        {outcome && (
          <span key={outcome.count}>
            {outcome.copied
              ? 'Copied'
              : 'Could not copy: select the text and copy it'}
          </span>
        )}
      </Typography>
    </div>
  );
}

/**
 * Backstage's CodeSnippet as plain, wrapped text, so it passes axe (WCAG 2 AA) in both themes:
 * - no syntax highlighting: the highlighter themes colour strings and comments below 4.5:1
 *   contrast (docco's strings are 3.75:1 on its background, its comments lower);
 * - long lines wrap: a `<pre>` that scrolls sideways is a scrollable region a keyboard cannot
 *   reach, and CodeSnippet cannot make it focusable. The copy button copies the text unwrapped.
 *
 * With `copyLabel`, the copy button is the plugin's own, beside the text: named by `copyLabel`
 * (what it copies, e.g. "Copy the annotation for the product owner") and saying "Copied".
 */
export function PlainCodeSnippet(
  props: Omit<
    ComponentProps<typeof CodeSnippet>,
    'language' | 'wrapLongLines'
  > & {
    /** The copy button's accessible name, saying what it copies; shows the button. */
    copyLabel?: string;
  },
) {
  const { copyLabel, ...snippet } = props;
  const classes = useStyles();
  if (!copyLabel) {
    return <CodeSnippet {...snippet} language="text" wrapLongLines />;
  }
  return (
    <div className={classes.root}>
      <div className={classes.snippet}>
        <CodeSnippet
          {...snippet}
          showCopyCodeButton={false}
          language="text"
          wrapLongLines
        />
      </div>
      <NamedCopyButton text={snippet.text} label={copyLabel} />
    </div>
  );
}
