/** A line for reference: at a value or at an instant. */
export type ChartReference = {
  colour: string;
  dash?: string;
  label?: string;
} & (
  | { kind: 'horizontal'; y: number; labelAt?: 'start' | 'end' }
  | { kind: 'vertical'; x: number }
);

/** A reference line of a chart, with its label; `box` is the plot area in pixels. */
export function ReferenceLine(props: {
  reference: ChartReference;
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
  // Right of the line, unless that would leave the plot.
  const labelLeft = x > box.right - 40;
  return (
    <g data-reference="vertical">
      <line x1={x} x2={x} y1={box.top} y2={box.bottom} {...stroke} />
      {r.label && (
        <text
          {...props.text}
          fontSize={11}
          x={labelLeft ? x - 3 : x + 3}
          y={box.top + 10}
          textAnchor={labelLeft ? 'end' : 'start'}
        >
          {r.label}
        </text>
      )}
    </g>
  );
}
