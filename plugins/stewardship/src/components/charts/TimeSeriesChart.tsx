import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { ChartLegend } from './ChartLegend';
import { fittingLabels, labelWidth } from './axisLabels';
import { chartStyle, timeTickFormat } from './chartStyle';
import { linearScale, niceTicks, timeTicks } from './scale';
import { useElementWidth } from './useElementWidth';
import { useStableId } from '../useStableId';
import {
  ChartReference,
  ReferenceLine,
  staggerLabelRows,
  verticalLabelSpan,
} from './ReferenceLine';

/** A line over time; a `null` value is a gap in the line, never drawn as 0. */
export interface ChartSeries {
  name: string;
  colour: string;
  points: Array<{ x: number; y: number | null }>;
  width?: number;
  dash?: string;
}

/** A shaded stretch of time. */
export interface ChartBand {
  from: number;
  to: number;
  colour: string;
  opacity?: number;
}

export interface TimeSeriesChartProps {
  height: number;
  /** Time in epoch ms; `ticks` replaces the evenly spaced hours/days (e.g. one per data day). */
  x: {
    domain: [number, number];
    ticks?: number[];
    format?: (ms: number) => string;
  };
  /** The values to show; the axis widens both ends to round ticks. */
  y: {
    min: number;
    max: number;
    /**
     * `max` is a bound the values never pass (a budget's 100 %): the axis ends there, with no
     * tick above it, however far the values fall below.
     */
    maxIsBound?: boolean;
    unit?: string;
    format?: (value: number) => string;
    width?: number;
  };
  series: ChartSeries[];
  references?: ChartReference[];
  bands?: ChartBand[];
  /**
   * The note under the chart when `count` labels of vertical lines found no free row and are
   * marked ▼ instead (see `staggerLabelRows`); a plain count of "labels" when not given.
   */
  shortenedLabelsNote?: (count: number) => string;
}

const MARGIN = { top: 12, right: 16, bottom: 24 };
/** Between a y tick label's end and the plot. */
const Y_LABEL_GAP = 6;

/** The runs of consecutive known points: each becomes one polyline, so missing data shows as a gap. */
export function knownRuns<P extends { y: number | null }>(points: P[]): P[][] {
  const runs: P[][] = [[]];
  for (const point of points) {
    if (point.y === null) {
      if (runs[runs.length - 1].length > 0) runs.push([]);
    } else {
      runs[runs.length - 1].push(point);
    }
  }
  return runs.filter(run => run.length > 0);
}

/** `1 label did not fit among the others: its line is marked ▼ above the chart instead.` */
export function shortenedLabelsNote(count: number, noun = 'label'): string {
  return count === 1
    ? `1 ${noun} did not fit among the others: its line is marked ▼ above the chart instead.`
    : `${count} ${noun}s did not fit among the others: their lines are marked ▼ above the chart instead.`;
}

/**
 * A line chart over a time axis in plain SVG, as wide as its container. It is for the eye only:
 * the caller hides it from screen readers and says the same in words.
 */
export function TimeSeriesChart(props: TimeSeriesChartProps) {
  const { height, series, references = [], bands = [] } = props;
  const style = chartStyle(useTheme());
  const clipId = useStableId('stewardship-chart-clip');
  const [ref, width] = useElementWidth<HTMLDivElement>(640);

  const bottom = Math.max(MARGIN.top + 1, height - MARGIN.bottom);
  const niceY = niceTicks(
    props.y.min,
    props.y.max,
    Math.max(2, Math.floor((bottom - MARGIN.top) / 40)),
  );
  // Round ticks may reach past a bound (−5,000 % to 100 % in steps of 1,000 ends at 1,000 %).
  const yTicks = props.y.maxIsBound
    ? niceY.filter(t => t <= props.y.max)
    : niceY;
  const yTop = props.y.maxIsBound ? props.y.max : niceY[niceY.length - 1];
  const formatY = props.y.format ?? String;
  const unit = props.y.unit ?? '';
  // Wide enough for the longest tick label (a fine axis's `99.99985%`), which is drawn right of
  // the svg's left edge only if the plot starts that far in.
  const left = Math.max(
    props.y.width ?? 48,
    ...yTicks.map(
      t => labelWidth(`${formatY(t)}${unit}`, style.fontSize) + Y_LABEL_GAP + 4,
    ),
  );
  const right = Math.max(left + 1, width - MARGIN.right);
  const toX = linearScale(props.x.domain, [left, right]);
  const toY = linearScale([yTicks[0], yTop], [bottom, MARGIN.top]);
  // As many ticks as their labels leave room for: 72 px for a day ("12-01"), more once the
  // ticks are hours apart and each label carries the time too ("12-01 12:00").
  const ticksFor = (formatOf: (step: number) => (t: number) => string) => {
    const plot = right - left;
    const count = Math.max(2, Math.floor(plot / 72));
    const first = timeTicks(props.x.domain[0], props.x.domain[1], count);
    const budget = Math.max(
      72,
      labelWidth(formatOf(first.step)(props.x.domain[0]), style.fontSize) + 16,
    );
    const fitting = Math.max(2, Math.floor(plot / budget));
    return fitting < count
      ? {
          maxXTicks: fitting,
          auto: timeTicks(props.x.domain[0], props.x.domain[1], fitting),
        }
      : { maxXTicks: count, auto: first };
  };
  const { maxXTicks, auto } = ticksFor(
    step => props.x.format ?? timeTickFormat(style, step),
  );
  const xTicks = props.x.ticks
    ? props.x.ticks.filter(
        (_, i, all) => i % Math.ceil(all.length / maxXTicks) === 0,
      )
    : auto.ticks;
  const formatX = props.x.format ?? timeTickFormat(style, auto.step);
  const xLabels = fittingLabels(
    xTicks,
    toX,
    formatX,
    { left, right },
    style.fontSize,
  );
  const text = { fill: style.text, fontSize: style.fontSize };
  // Labels of vertical lines close together (two incidents an hour apart) go on rows below
  // each other rather than over each other.
  const labelled = references.flatMap((reference, i) =>
    reference.kind === 'vertical' && reference.label
      ? [
          {
            i,
            span: verticalLabelSpan(toX(reference.x), reference.label, right),
          },
        ]
      : [],
  );
  const labelRows = new Map<number, number | undefined>();
  staggerLabelRows(labelled.map(l => l.span)).forEach((row, j) =>
    labelRows.set(labelled[j].i, row),
  );
  // Labelled, yet on no row: marked instead, and counted in words under the chart.
  const shortened = [...labelRows.values()].filter(
    row => row === undefined,
  ).length;

  return (
    <div ref={ref}>
      <svg width={width} height={height} data-chart="time-series">
        <defs>
          <clipPath id={clipId}>
            <rect
              x={left}
              y={MARGIN.top}
              width={right - left}
              height={bottom - MARGIN.top}
            />
          </clipPath>
        </defs>
        {bands.map(band => (
          <rect
            key={band.from}
            data-band=""
            clipPath={`url(#${clipId})`}
            x={toX(band.from)}
            y={MARGIN.top}
            width={Math.max(1, toX(band.to) - toX(band.from))}
            height={bottom - MARGIN.top}
            fill={band.colour}
            fillOpacity={band.opacity ?? 0.25}
          />
        ))}
        <g stroke={style.grid} strokeDasharray={style.gridDash}>
          {yTicks.map(t => (
            <line key={`y${t}`} x1={left} x2={right} y1={toY(t)} y2={toY(t)} />
          ))}
          {xTicks.map(t => (
            <line
              key={`x${t}`}
              x1={toX(t)}
              x2={toX(t)}
              y1={MARGIN.top}
              y2={bottom}
            />
          ))}
        </g>
        <g stroke={style.axis}>
          <line x1={left} x2={right} y1={bottom} y2={bottom} />
          <line x1={left} x2={left} y1={MARGIN.top} y2={bottom} />
        </g>
        <g {...text} textAnchor="end" data-axis="y">
          {yTicks.map(t => (
            <text key={t} x={left - Y_LABEL_GAP} y={toY(t)} dy="0.32em">
              {`${formatY(t)}${unit}`}
            </text>
          ))}
        </g>
        <g {...text} textAnchor="middle" data-axis="x">
          {xLabels.map(label => (
            <text key={label.t} x={label.x} y={bottom + 16}>
              {label.text}
            </text>
          ))}
        </g>
        {!props.x.format && (
          // The time axis's zone, in the free corner under the y axis: the tick labels are UTC
          // (as every moment the plugin prints), while the forms speak the reader's local time.
          <text
            {...text}
            textAnchor="end"
            x={left - 6}
            y={bottom + 16}
            data-axis="x-zone"
          >
            UTC
          </text>
        )}
        {references.map((reference, i) => (
          <ReferenceLine
            key={i}
            reference={reference}
            labelRow={labelRows.get(i)}
            shortened={labelRows.has(i) && labelRows.get(i) === undefined}
            toX={toX}
            toY={toY}
            box={{ left, right, top: MARGIN.top, bottom }}
            text={text}
          />
        ))}
        {series.map(line => (
          <g
            key={line.name}
            data-series={line.name}
            clipPath={`url(#${clipId})`}
          >
            {knownRuns(line.points).map(run =>
              run.length === 1 ? (
                <circle
                  key={run[0].x}
                  cx={toX(run[0].x)}
                  cy={toY(run[0].y!)}
                  r={2}
                  fill={line.colour}
                />
              ) : (
                <polyline
                  key={run[0].x}
                  points={run.map(p => `${toX(p.x)},${toY(p.y!)}`).join(' ')}
                  fill="none"
                  stroke={line.colour}
                  strokeWidth={line.width ?? 2}
                  strokeDasharray={line.dash}
                  strokeLinejoin="round"
                />
              ),
            )}
          </g>
        ))}
      </svg>
      {shortened > 0 && (
        <Typography variant="body2" align="center" data-chart-note="">
          {(props.shortenedLabelsNote ?? shortenedLabelsNote)(shortened)}
        </Typography>
      )}
      <ChartLegend items={series} />
    </div>
  );
}
