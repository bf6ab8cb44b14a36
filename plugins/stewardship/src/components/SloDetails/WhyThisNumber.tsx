import { Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import CopyIcon from '@material-ui/icons/FileCopy';
import {
  SliSpec,
  SloEvaluation,
  SloEvaluationSummary,
  httpLink,
} from '@stewardship/backstage-plugin-stewardship-common';
import { ReactNode, useCallback, useState } from 'react';
import { stewardshipApiRef } from '../../api';
import {
  formatCountThousandths as formatCount,
  formatInstant,
} from '../formatSlo';
import { FormulaGroup, groupFormulas } from './groupFormulas';
import { QueryBlock, queryBlocks } from './queryBlocks';
import { COUNT_LABELS, countsBadEvents, countsText } from './queryCounts';
import { useAbortableAsyncRetry } from '../../hooks/useAbortableAsyncRetry';
import { useVisuallyHidden } from './useVisuallyHidden';
import { useCopyWithStatus } from '../useCopyWithStatus';
import { headingProps } from './headingProps';
import { useStableId } from '../useStableId';
import { useKeptThroughQuietFailure } from '../../hooks/useKeptThroughQuietFailure';
import { RefreshFailedNote } from '../RefreshFailedNote';
import { RequestErrorPanel } from '../RequestErrorPanel';
import { CountUnit, countUnitTitle } from './countUnit';

const useStyles = makeStyles(theme => ({
  details: {
    flexDirection: 'column',
    gap: theme.spacing(2),
  },
  code: {
    fontFamily: 'monospace',
    fontSize: theme.typography.body2.fontSize,
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
    margin: 0,
    padding: theme.spacing(1),
    flex: 1,
    background: theme.palette.background.default,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
  queryCaption: {
    marginBottom: theme.spacing(0.5),
  },
  query: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
  sourceLink: {
    alignSelf: 'center',
    whiteSpace: 'nowrap',
  },
  formula: {
    fontFamily: 'monospace',
    fontSize: theme.typography.body2.fontSize,
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
  },
  list: {
    margin: 0,
    paddingLeft: theme.spacing(2),
  },
}));

const TITLES: Record<FormulaGroup, string> = {
  sli: 'Why this SLI',
  budget: 'Why this error budget',
  burnRates: 'Why these burn rates',
  status: 'Why this status',
};

function Section(props: {
  title: string;
  headingLevel: number;
  children: ReactNode;
}) {
  return (
    <Box>
      <Typography
        variant="subtitle2"
        {...headingProps(props.headingLevel)}
        gutterBottom
      >
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

/** How long the tooltip by a copy button shows what the copy came to. */
const COPIED_TOOLTIP_MS = 1000;
const NOT_COPIED_TOOLTIP_MS = 4000;

/**
 * "Copy query N": copies the query and says whether it was copied, in a tooltip by the button and
 * through `onCopied` (which tells the explanation's status, for a screen reader). Copied as
 * core-components' CopyTextButton copies (react-use, by the browser's copy command), whose tooltip
 * said "copied" whatever happened and told no one else.
 */
function CopyQueryButton(props: {
  query: string;
  number: number;
  onCopied(number: number, copied: boolean): void;
}) {
  const { query, number, onCopied } = props;
  const [outcome, copy] = useCopyWithStatus({
    showFor: copied => (copied ? COPIED_TOOLTIP_MS : NOT_COPIED_TOOLTIP_MS),
    onCopied: copied => onCopied(number, copied),
  });
  let tooltip: string | undefined;
  if (outcome) {
    tooltip = outcome.copied
      ? 'Query copied to clipboard'
      : 'Could not copy the query';
  }
  return (
    <Tooltip
      title={tooltip ?? ''}
      open={tooltip !== undefined}
      disableHoverListener
      disableFocusListener
      disableTouchListener
    >
      <IconButton
        size="small"
        aria-label={`Copy query ${number}`}
        onClick={() => copy(query)}
      >
        <CopyIcon fontSize="small" />
      </IconButton>
    </Tooltip>
  );
}

const hasExplanation = (
  evaluation: SloEvaluationSummary,
): evaluation is SloEvaluation => 'explanation' in evaluation;

/**
 * "Why this number" for the evaluation shown. An entity's SLO list carries evaluations without
 * their explanation (most of their size), so it is read here, for this SLO and this evaluation's
 * moment, when the details are opened; an evaluation that carries one is explained as it is.
 *
 * `sli` (the SLO's at `sloVersion`) names what each query counts: an SLI written as bad / total
 * sends the bad-event query first, and its count is not the `good` the formulas use. It is
 * applied only to an evaluation of that version, whose queries it wrote. Leave it out for an SLO
 * budgeted by timeslices, whose counts are slices rather than any query's answer.
 */
export function WhyThisNumber(props: {
  sloId: string;
  evaluation: SloEvaluationSummary | SloEvaluation;
  sli?: SliSpec;
  sloVersion?: number;
  /**
   * The level of each panel's section headings (Queries, Event counts…): one below the card's
   * title. Default 5.
   */
  headingLevel?: number;
  /** What the counts count (see CountUnit). Default `events`. */
  countUnit?: CountUnit;
}) {
  const { sloId, evaluation, headingLevel = 5, countUnit = 'events' } = props;
  const api = useApi(stewardshipApiRef);
  const given = hasExplanation(evaluation) ? evaluation : undefined;
  // A read for a newer evaluation that fails keeps the explanation shown, with a note that it
  // is of the evaluation before (its panels and the focus on them stay): the first read of this
  // SLO's explanation has nothing to keep and shows its error.
  const { value, loading, error, retry, refreshError } =
    useKeptThroughQuietFailure(
      useAbortableAsyncRetry(
        async signal =>
          given ??
          (await api.getSloSnapshot(sloId, {
            at: new Date(evaluation.at),
            signal,
          })),
        [api, sloId, evaluation.at, given],
      ),
      sloId,
      true,
    );
  // A newer evaluation of this SLO (the tab read its statuses again after a stored run, or after
  // an edit): the explanation shown stays, with its open panels and the focus on their buttons,
  // until the newer one is read (react-use keeps the last value while it reads). A first read
  // has nothing to show yet.
  if (loading && !value) {
    return <Progress aria-label="Loading the explanation" />;
  }
  if (error) {
    return (
      <RequestErrorPanel
        error={error}
        reading="the queries and formulas behind these figures"
        onRetry={retry}
      />
    );
  }
  if (!value) {
    return (
      <Typography variant="body2" color="textSecondary">
        The queries and formulas behind these figures could not be read: no
        stored evaluation
      </Typography>
    );
  }
  const sli =
    props.sli && props.sloVersion === value.sloVersion ? props.sli : undefined;
  return (
    <>
      <RefreshFailedNote
        error={refreshError}
        reading="the queries and formulas behind these figures"
        shownAsOf={value.at}
      />
      <Explanation
        evaluation={value}
        sli={sli}
        headingLevel={headingLevel}
        countUnit={countUnit}
      />
    </>
  );
}

/**
 * One expandable panel per figure group with the exact queries (copyable), the event counts, the
 * window bounds and the backend's formulas with the numbers filled in, verbatim.
 */
function Explanation(props: {
  evaluation: SloEvaluation;
  sli?: SliSpec;
  headingLevel: number;
  countUnit: CountUnit;
}) {
  const { evaluation, sli, headingLevel, countUnit } = props;
  // `Slice counts`, `Event counts`, or `Counts` alone.
  const countsTitle =
    countUnit === 'counts'
      ? 'Counts'
      : `${countUnitTitle(countUnit).slice(0, -1)} counts`;
  const classes = useStyles();
  const hidden = useVisuallyHidden();
  // Each panel's summary and region point at each other by id; a system's tab may open several
  // SLOs' details at once, so the ids are this instance's own.
  const idPrefix = useStableId('why');
  // What the last copy came to, for a screen reader (the tooltip is seen only). Counted: a new node
  // each time, so copying the same query again says it again.
  const [copyOutcome, setCopyOutcome] = useState<{
    message: string;
    n: number;
  }>();
  const onCopied = useCallback(
    (number: number, copied: boolean) =>
      setCopyOutcome(previous => ({
        message: copied
          ? `Query ${number} copied to clipboard.`
          : `Could not copy query ${number} to the clipboard; select its text to copy it.`,
        n: (previous?.n ?? 0) + 1,
      })),
    [],
  );
  const groups = groupFormulas(evaluation);
  // Counts read in the queries' terms: bad and total when those are what the queries count.
  const badEvents = sli !== undefined && countsBadEvents(sli);
  const blocks = Object.fromEntries(
    (Object.keys(TITLES) as FormulaGroup[]).map(group => [
      group,
      queryBlocks(group, evaluation, sli),
    ]),
  ) as Record<FormulaGroup, QueryBlock[]>;
  // Only an http(s) address becomes a link, whatever a metric-source module built.
  const queryLinks = Object.fromEntries(
    Object.entries(evaluation.explanation.queryLinks ?? {}).filter(([, link]) =>
      httpLink(link),
    ),
  );
  const windowText = `SLO window: ${formatInstant(
    evaluation.window.start,
  )} to ${formatInstant(
    evaluation.window.end,
  )}; evaluated as of ${formatInstant(evaluation.at)} (ran ${formatInstant(
    evaluation.evaluatedAt,
  )}).`;
  const counts = evaluation.counts
    ? `${countsText(evaluation.counts, badEvents)} (SLO window)`
    : `No ${countsTitle.toLocaleLowerCase('en-US')} for the SLO window.`;

  const countsOf: Record<FormulaGroup, ReactNode> = {
    sli: <Typography variant="body2">{counts}</Typography>,
    budget: (
      <Typography variant="body2">
        {evaluation.errorBudget
          ? `${counts}; ${
              // The counts already name bad when the queries count it.
              badEvents
                ? ''
                : `bad = ${formatCount(evaluation.errorBudget.bad)}, `
            }allowed bad = ${formatCount(evaluation.errorBudget.allowedBad)}`
          : counts}
      </Typography>
    ),
    burnRates:
      evaluation.burnRates.length === 0 ? (
        <Typography variant="body2">No burn rates measured.</Typography>
      ) : (
        <ul className={classes.list}>
          {evaluation.burnRates.map(b => (
            <Typography component="li" variant="body2" key={b.window}>
              {b.counts
                ? `${b.window}: ${countsText(b.counts, badEvents)}`
                : `${b.window}: no counts`}
            </Typography>
          ))}
        </ul>
      ),
    status: <Typography variant="body2">{counts}</Typography>,
  };
  const windowsOf: Record<FormulaGroup, string> = {
    sli: windowText,
    budget: windowText,
    burnRates: `Each burn-rate window ends at ${formatInstant(
      evaluation.at,
    )}. ${windowText}`,
    status: windowText,
  };

  return (
    <Box>
      {/* Always in the page while the panels are, so that what is added to it is announced. */}
      <div role="status" className={hidden.root}>
        {copyOutcome && <span key={copyOutcome.n}>{copyOutcome.message}</span>}
      </div>
      {(Object.keys(TITLES) as FormulaGroup[]).map(group => (
        <Accordion key={group} TransitionProps={{ unmountOnExit: true }}>
          <AccordionSummary
            expandIcon={<ExpandMoreIcon />}
            aria-controls={`${idPrefix}-${group}-content`}
            id={`${idPrefix}-${group}-header`}
          >
            <Typography>{TITLES[group]}</Typography>
          </AccordionSummary>
          <AccordionDetails className={classes.details}>
            <Section title="Queries" headingLevel={headingLevel}>
              {blocks[group].length === 0 ? (
                <Typography variant="body2">No query was sent.</Typography>
              ) : (
                blocks[group].map(block => (
                  <Box key={block.heading ?? group}>
                    {block.heading && (
                      <Typography
                        variant="body2"
                        {...headingProps(headingLevel + 1)}
                      >
                        {block.heading}
                      </Typography>
                    )}
                    {block.queries.map(
                      ({ query, number, counts: name, value }) => (
                        <Box key={number}>
                          {name && (
                            <Typography
                              variant="body2"
                              className={classes.queryCaption}
                            >
                              {value === undefined
                                ? COUNT_LABELS[name]
                                : `${COUNT_LABELS[name]}: ${formatCount(
                                    value,
                                  )}`}
                            </Typography>
                          )}
                          <Box className={classes.query}>
                            <pre className={classes.code}>{query}</pre>
                            <CopyQueryButton
                              query={query}
                              number={number}
                              onCopied={onCopied}
                            />
                            {queryLinks[query] && (
                              <Link
                                to={queryLinks[query]}
                                className={classes.sourceLink}
                                // The name starts with the visible text (WCAG 2.5.3, label in name).
                                aria-label={`Open in source: query ${number}`}
                              >
                                Open in source
                              </Link>
                            )}
                          </Box>
                        </Box>
                      ),
                    )}
                  </Box>
                ))
              )}
            </Section>
            <Section title={countsTitle} headingLevel={headingLevel}>
              {countsOf[group]}
            </Section>
            <Section title="Window" headingLevel={headingLevel}>
              <Typography variant="body2">{windowsOf[group]}</Typography>
            </Section>
            <Section title="Formulas" headingLevel={headingLevel}>
              {groups[group].length === 0 ? (
                <Typography variant="body2">
                  No formula for this figure.
                </Typography>
              ) : (
                <ul className={classes.list}>
                  {groups[group].map((formula, i) => (
                    <li key={`${i}-${formula}`}>
                      <code className={classes.formula}>{formula}</code>
                    </li>
                  ))}
                </ul>
              )}
            </Section>
          </AccordionDetails>
        </Accordion>
      ))}
    </Box>
  );
}
