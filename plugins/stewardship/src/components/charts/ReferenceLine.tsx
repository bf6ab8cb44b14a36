import { labelWidth } from './axisLabels';

/** The size of a vertical line's label, smaller than the axes' text. */
const VERTICAL_LABEL_FONT = 11;
/** How far below the plot's top the first row of vertical labels sits. */
const VERTICAL_LABEL_TOP = 10;
/** How far each next row of vertical labels is below the one above. */
const VERTICAL_LABEL_ROW = 12;
/**
 * Rows of labels at most: below them the plot would be hidden. A label that finds no row is
 * shortened to a marker (see {@link staggerLabelRows}); the caller's words list all.
 */
const VERTICAL_LABEL_ROWS = 3;
/** Space kept between two labels on one row. */
const VERTICAL_LABEL_GAP = 4;

/** A line for reference: at a value or at an instant. */
export type ChartReference = {
  colour: string;
  dash?: string;
  label?: string;
} & (
  | { kind: 'horizontal'; y: number; labelAt?: 'start' | 'end' }
  | {
      kind: 'vertical';
      x: number;
      /**
       * The line's full words (an incident in a sentence), its hover title where the label is
       * shortened to a marker; the label when not given.
       */
      description?: string;
    }
);

/**
 * Where the label of a vertical line at `x` is drawn: right of the line, or left of it when it
 * would leave the plot on the right (`right`, its right edge).
 */
export function verticalLabelSpan(x: number, label: string, right: number) {
  const width = labelWidth(label, VERTICAL_LABEL_FONT);
  const anchorEnd = x > right - 40;
  return anchorEnd
    ? { anchorEnd, from: x - 3 - width, to: x - 3 }
    : { anchorEnd, from: x + 3, to: x + 3 + width };
}

/**
 * The row of each label (0 the top one), for labels spanning `spans` (px, in any order): each goes
 * on the highest row where it keeps a gap to the labels there, so two incidents close in time
 * do not print over each other. A label with no such row among the first `maxRows` gets none
 * (`undefined`): it is not printed over another, its line is marked instead ({@link ReferenceLine}
 * `shortened`), and it takes no room on any row.
 */
export function staggerLabelRows(
  spans: ReadonlyArray<{ from: number; to: number }>,
  maxRows = VERTICAL_LABEL_ROWS,
  gap = VERTICAL_LABEL_GAP,
): Array<number | undefined> {
  const rows = new Array<number | undefined>(spans.length).fill(undefined);
  /** Where the last label placed on each row ends. */
  const ends: number[] = [];
  const order = spans
    .map((_, i) => i)
    .sort((a, b) => spans[a].from - spans[b].from);
  for (const i of order) {
    let row = ends.findIndex(end => end + gap <= spans[i].from);
    if (row < 0 && ends.length < maxRows) {
      row = ends.length;
    }
    if (row >= 0) {
      ends[row] = spans[i].to;
      rows[i] = row;
    }
  }
  return rows;
}

/**
 * A reference line of a chart, with its label; `box` is the plot area in pixels. A vertical
 * line's label is on row `labelRow` (see {@link staggerLabelRows}); a `shortened` one, which
 * found no row, is a ▼ above the plot instead, titled with the line's words.
 */
export function ReferenceLine(props: {
  reference: ChartReference;
  labelRow?: number;
  shortened?: boolean;
  toX: (x: number) => number;
  toY: (y: number) => number;
  box: { left: number; right: number; top: number; bottom: number };
  text: { fill: string; fontSize: number };
}) {
  const { reference: r, toX, toY, box } = props;
  const stroke = {
    stroke: r.colour,
    strokeDasharray: r.dash,
    strokeWidth: 1.5,
  };
  if (r.kind === 'horizontal') {
    const y = toY(r.y);
    const atEnd = r.labelAt === 'end';
    return (
      <g data-reference="horizontal">
        <line x1={box.left} x2={box.right} y1={y} y2={y} {...stroke} />
        {r.label && (
          <text
            {...props.text}
            x={atEnd ? box.right - 4 : box.left + 4}
            y={y - 4}
            textAnchor={atEnd ? 'end' : 'start'}
          >
            {r.label}
          </text>
        )}
      </g>
    );
  }
  const x = toX(r.x);
  if (r.label && props.shortened) {
    // In the margin above the plot, where no label is: it sits on no other line's text.
    return (
      <g data-reference="vertical" data-shortened="">
        <title>{r.description ?? r.label}</title>
        <line x1={x} x2={x} y1={box.top} y2={box.bottom} {...stroke} />
        <path
          d={`M ${x - 4} ${box.top - 7} H ${x + 4} L ${x} ${box.top - 1} Z`}
          fill={r.colour}
        />
      </g>
    );
  }
  // Right of the line, unless that would leave the plot.
  const labelLeft = verticalLabelSpan(x, r.label ?? '', box.right).anchorEnd;
  return (
    <g data-reference="vertical">
      <line x1={x} x2={x} y1={box.top} y2={box.bottom} {...stroke} />
      {r.label && (
        <text
          {...props.text}
          fontSize={VERTICAL_LABEL_FONT}
          x={labelLeft ? x - 3 : x + 3}
          y={
            box.top +
            VERTICAL_LABEL_TOP +
            (props.labelRow ?? 0) * VERTICAL_LABEL_ROW
          }
          textAnchor={labelLeft ? 'end' : 'start'}
        >
          {r.label}
        </text>
      )}
    </g>
  );
}
