import { StatusError, StatusOK } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  AlertState,
  BurnRate,
  MAX_BURN_RATE_DIGITS,
  burnWindowKey,
  formatBurnRates,
} from '@stewardship/backstage-plugin-stewardship-common';
import {
  formatCountThousandths as formatCount,
  formatPercentHyphenMinus as formatPercent,
} from '../formatSlo';
import { useTabStopWhileOverflowing } from '../useTabStopWhileOverflowing';
import { CountUnit, countUnitTitle } from './countUnit';

const useStyles = makeStyles(theme => ({
  policy: {
    display: 'flex',
    alignItems: 'baseline',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
  },
  word: {
    fontWeight: theme.typography.fontWeightBold as number,
  },
  // In a half-width card the short columns were split mid-word ("Wind ow", "3.011 %" on two
  // lines); the alert policies column takes the wrapping instead.
  unbroken: { whiteSpace: 'nowrap' },
  // At phone width the table is wider than the card: it scrolls sideways (as the other wide
  // tables do) instead of squeezing the counts to one character per line and cutting the
  // policies off at the card's edge.
  scroller: { overflowX: 'auto' },
  // Wide enough to read a policy on two lines at most, narrow enough that the table (about 760 px)
  // fits a full-width card from the md breakpoint up; a policy wraps inside its cell, never past it.
  policies: { minWidth: '16rem' },
  policyCell: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
}));

function sameWindow(a: string, b: string): boolean {
  try {
    return burnWindowKey(a) === burnWindowKey(b);
  } catch {
    return a === b;
  }
}

/*
 * Rates and thresholds are written as the SLO row writes a firing policy's (`formatBurnRates`,
 * as the notification writes the pair): three significant digits, more where a rate would read
 * the same as a threshold beside it, so a rate above its threshold never reads as equal to it
 * (14.404 beside 14.4, not 14.4 twice) and a threshold reads the same here as on the row
 * (0.2333… → 0.233).
 */

const sameRate = (a: number, b: number) =>
  a === b || (Number.isNaN(a) && Number.isNaN(b));

/**
 * A window's burn rate beside the thresholds of the policies that use the window: three
 * significant digits, or the fewest more with which it reads apart from each threshold written
 * with as many (beside one threshold that is `formatBurnRates([rate, threshold])[0]`, the row's
 * text). Two thresholds close to each other do not lengthen it.
 */
function rateBesideThresholds(rate: number, thresholds: number[]): string {
  let digits = 3;
  const written = (value: number) => formatBurnRates([value], digits)[0];
  while (
    digits < MAX_BURN_RATE_DIGITS &&
    thresholds.some(
      threshold =>
        !sameRate(threshold, rate) && written(threshold) === written(rate),
    )
  ) {
    digits++;
  }
  return written(rate);
}

/**
 * A policy's threshold with the burn rates that use it (its long and short window's, as the
 * evaluation states them and as the table shows them): three significant digits unless a rate
 * needs it written longer, as the row writes it.
 */
function thresholdText(alert: AlertState, burnRates: BurnRate[]): string {
  const { policy } = alert;
  const rates = [
    alert.longBurnRate,
    alert.shortBurnRate,
    ...burnRates
      .filter(
        rate =>
          sameWindow(policy.longWindow, rate.window) ||
          sameWindow(policy.shortWindow, rate.window),
      )
      .map(rate => rate.burnRate),
  ].filter((rate): rate is number => rate !== undefined);
  return formatBurnRates([policy.burnRate, ...rates])[0];
}

/** One policy in a window's row: name, which of its windows this is, threshold, and in words whether it fires. */
function PolicyState(props: {
  alert: AlertState;
  window: string;
  threshold: string;
}) {
  const classes = useStyles();
  const { policy, firing } = props.alert;
  const role = sameWindow(policy.longWindow, props.window) ? 'long' : 'short';
  return (
    <Box className={classes.policy}>
      {firing ? <StatusError /> : <StatusOK />}
      <Typography variant="body2" component="span">
        {`${policy.name} (${policy.severity}, ${role} window): threshold ${props.threshold}×, `}
        <span className={classes.word}>{firing ? 'fires' : 'quiet'}</span>
      </Typography>
    </Box>
  );
}

/**
 * The burn rate over each measured window with its error ratio and counts, and the alert policies
 * that use the window with their threshold and state. Figures are the evaluation's own; rates and
 * thresholds read as on the SLO row.
 */
export function BurnRateTable(props: {
  burnRates: BurnRate[];
  alerts: AlertState[];
  /** The table's name. Default `Burn rates`. */
  name?: string;
  /** What the counts count (see CountUnit). Default `events`. */
  countUnit?: CountUnit;
}) {
  const {
    burnRates,
    alerts,
    name = 'Burn rates',
    countUnit = 'events',
  } = props;
  const classes = useStyles();
  const tabStop = useTabStopWhileOverflowing<HTMLDivElement>();
  if (burnRates.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No burn rates were measured in this evaluation.
      </Typography>
    );
  }
  return (
    <div
      className={classes.scroller}
      role="group"
      aria-label={name}
      // A tab stop only while the table overflows: a scrollable region must be reachable by keyboard.
      {...tabStop}
    >
      <Table size="small" aria-label={name}>
        <TableHead>
          <TableRow>
            <TableCell className={classes.unbroken}>Window</TableCell>
            <TableCell align="right" className={classes.unbroken}>
              Burn rate
            </TableCell>
            <TableCell align="right" className={classes.unbroken}>
              Error ratio
            </TableCell>
            <TableCell align="right">
              {countUnitTitle(countUnit)} (good / total)
            </TableCell>
            <TableCell className={classes.policies}>Alert policies</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {burnRates.map(rate => {
            const policies = alerts.filter(
              a =>
                sameWindow(a.policy.longWindow, rate.window) ||
                sameWindow(a.policy.shortWindow, rate.window),
            );
            return (
              <TableRow key={rate.window}>
                <TableCell
                  component="th"
                  scope="row"
                  // MUI v4 sets role "cell" on a body cell given a `component`: restore the row header.
                  role="rowheader"
                  className={classes.unbroken}
                >
                  {rate.window}
                </TableCell>
                <TableCell align="right" className={classes.unbroken}>
                  {rate.burnRate === undefined
                    ? 'unknown'
                    : `${rateBesideThresholds(
                        rate.burnRate,
                        policies.map(alert => alert.policy.burnRate),
                      )}×`}
                </TableCell>
                <TableCell align="right" className={classes.unbroken}>
                  {rate.errorRatio === undefined
                    ? 'unknown'
                    : formatPercent(rate.errorRatio)}
                </TableCell>
                <TableCell align="right" className={classes.unbroken}>
                  {rate.counts
                    ? `${formatCount(rate.counts.good)} / ${formatCount(
                        rate.counts.total,
                      )}`
                    : 'no counts'}
                </TableCell>
                <TableCell className={classes.policyCell}>
                  {policies.length === 0
                    ? 'none'
                    : policies.map(alert => (
                        <PolicyState
                          key={alert.policy.name}
                          alert={alert}
                          window={rate.window}
                          threshold={thresholdText(alert, burnRates)}
                        />
                      ))}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
