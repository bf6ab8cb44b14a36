import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { SloHistoryPoint } from '@stewardship/backstage-plugin-stewardship-common';
import {
  formatInstant,
  formatPercentHyphenMinus as formatPercent,
  formatPercents,
  formatBurnRate,
} from '../formatSlo';
import { useVisuallyHidden } from './useVisuallyHidden';

/** The most rows the table reads out; a longer history is thinned to this many. */
export const HISTORY_TABLE_MAX_ROWS = 100;

/**
 * At most `max` of `points`, evenly spread over them, the first and the last always included
 * (5,000 points rendered 5,000 rows no one listens through).
 */
export function thinPoints<P>(points: readonly P[], max: number): P[] {
  if (points.length <= max) return [...points];
  if (max <= 0) return [];
  // One point cannot hold both ends: the newest.
  if (max === 1) return [points[points.length - 1]];
  const last = points.length - 1;
  return Array.from(
    { length: max },
    (_, i) => points[Math.round((i * last) / (max - 1))],
  );
}

/**
 * What a caption adds when a table lists `shown` of `total` rows ({@link thinPoints}), e.g.
 * ` The table lists 100 of the 5,000 points, evenly spaced, the first and the last included.`;
 * nothing when it lists all.
 */
export function thinnedText(shown: number, total: number, what: string) {
  return shown < total
    ? ` The table lists ${shown} of the ${total.toLocaleString(
        'en-US',
      )} ${what}, evenly spaced, the first and the last included.`
    : '';
}

/** `2024-04-01 13:58:04 UTC`: {@link formatInstant} with the seconds. */
function formatInstantSeconds(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/**
 * The Time column's text of each point: to the minute, as everywhere, but to the second for the
 * points that share their minute with another shown point (a scheduled run and an on-demand
 * evaluation in one minute otherwise read as one row listed twice).
 */
function historyTimes(points: readonly { at: string }[]): string[] {
  const minutes = points.map(point => formatInstant(point.at));
  const count = new Map<string, number>();
  for (const minute of minutes) count.set(minute, (count.get(minute) ?? 0) + 1);
  return points.map((point, i) =>
    count.get(minutes[i])! > 1 ? formatInstantSeconds(point.at) : minutes[i],
  );
}

/**
 * An SLI as read against the objective in the column's header: with the decimals it takes to
 * differ from it (0.999499 against 0.9995 is `99.9499 %`, not `99.95 %` as the objective).
 * An SLI is never below 0, so formatPercents' minus sign is no concern.
 */
function sliText(sli: number, objective: number): string {
  return formatPercents([sli, objective])[0];
}

/**
 * The history points as a table for screen readers: the text alternative of the charts. A long
 * history is read as {@link HISTORY_TABLE_MAX_ROWS} evenly spaced points, as the caption says.
 */
export function HistoryTable(props: {
  points: SloHistoryPoint[];
  caption: string;
  /** The SLO's objective, which each SLI is read against. */
  objective: number;
}) {
  const hidden = useVisuallyHidden();
  const shown = thinPoints(props.points, HISTORY_TABLE_MAX_ROWS);
  const shownTimes = historyTimes(shown);
  const thinned = thinnedText(shown.length, props.points.length, 'points');
  const unknown = 'no data';
  // Hidden by a wrapper, not on the table itself: a table does not shrink below its content, so
  // a 1 px table with unbroken rows stayed ~1,700 px wide and the whole page scrolled sideways.
  return (
    <div className={hidden.root}>
      <Table size="small">
        <caption>
          {props.caption}
          {thinned}
        </caption>
        <TableHead>
          <TableRow>
            <TableCell>Time</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Error budget remaining</TableCell>
            <TableCell>{`SLI (objective ${formatPercent(
              props.objective,
            )})`}</TableCell>
            <TableCell>Burn rate 1h</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {shown.map((point, i) => (
            <TableRow key={point.at}>
              <TableCell>{shownTimes[i]}</TableCell>
              <TableCell>{point.status}</TableCell>
              <TableCell>
                {/* One decimal, as the budget left is written everywhere. */}
                {point.budgetRemaining === undefined
                  ? unknown
                  : formatPercent(point.budgetRemaining, 1)}
              </TableCell>
              <TableCell>
                {point.sli === undefined
                  ? unknown
                  : sliText(point.sli, props.objective)}
              </TableCell>
              <TableCell>
                {point.burnRate1h === undefined
                  ? unknown
                  : `${formatBurnRate(point.burnRate1h)}×`}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
