import { useTheme } from '@material-ui/core/styles';
import { chartStyle } from './chartStyle';
import { linearScale, niceTicks } from './scale';
import { useElementWidth } from './useElementWidth';

const MARGIN = { top: 16, right: 16, bottom: 24, left: 40 };

/**
 * Bars of counts side by side in plain SVG, as wide as its container, each with its count above
 * it. For the eye only: the caller hides it from screen readers and gives the counts in words.
 */
export function BarChart(props: {
  height: number;
  bars: Array<{ label: string; value: number }>;
  colour: string;
}) {
  const { height, bars, colour } = props;
  const style = chartStyle(useTheme());
  const [ref, width] = useElementWidth<HTMLDivElement>(640);
  const right = Math.max(MARGIN.left + 1, width - MARGIN.right);
  const bottom = Math.max(MARGIN.top + 1, height - MARGIN.bottom);
  const ticks = niceTicks(
    0,
    Math.max(1, ...bars.map(bar => bar.value)),
    Math.max(2, Math.floor((bottom - MARGIN.top) / 40)),
    { integer: true },
  );
  const toY = linearScale([0, ticks[ticks.length - 1]], [bottom, MARGIN.top]);
  const slot = (right - MARGIN.left) / Math.max(1, bars.length);
  const barWidth = Math.min(slot * 0.6, 120);
  const text = { fill: style.text, fontSize: style.fontSize };

  return (
    <div ref={ref}>
      <svg width={width} height={height} data-chart="bar">
        <g stroke={style.grid} strokeDasharray={style.gridDash}>
          {ticks.map(t => (
            <line key={t} x1={MARGIN.left} x2={right} y1={toY(t)} y2={toY(t)} />
          ))}
        </g>
        <g {...text} textAnchor="end">
          {ticks.map(t => (
            <text key={t} x={MARGIN.left - 6} y={toY(t)} dy="0.32em">
              {t}
            </text>
          ))}
        </g>
        {bars.map((bar, i) => {
          const centre = MARGIN.left + slot * (i + 0.5);
          return (
            <g key={bar.label} data-bar={bar.label}>
              <rect
                x={centre - barWidth / 2}
                y={toY(bar.value)}
                width={barWidth}
                height={bottom - toY(bar.value)}
                fill={colour}
              />
              <text
                {...text}
                x={centre}
                y={toY(bar.value) - 4}
                textAnchor="middle"
              >
                {bar.value}
              </text>
              <text {...text} x={centre} y={bottom + 16} textAnchor="middle">
                {bar.label}
              </text>
            </g>
          );
        })}
        <line
          x1={MARGIN.left}
          x2={right}
          y1={bottom}
          y2={bottom}
          stroke={style.axis}
        />
      </svg>
    </div>
  );
}
