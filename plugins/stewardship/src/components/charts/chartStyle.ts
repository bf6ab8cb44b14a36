import { Theme } from '@material-ui/core/styles';

const DAY = 24 * 3_600_000;

/** Colours and text of the plugin's charts, from the theme so both themes read well. */
export function chartStyle(theme: Theme) {
  return {
    /** Tick labels and the words on reference lines (secondary text passes contrast on paper). */
    text: theme.palette.text.secondary,
    fontSize: 12,
    axis: theme.palette.divider,
    grid: theme.palette.divider,
    gridDash: '3 3',
    /** Time on a numeric axis, so gaps between snapshots keep their true width. */
    tickTime: (ms: number) => new Date(ms).toISOString().slice(5, 10),
    /** Ticks closer than a day apart need the hour too. */
    tickTimeOfDay: (ms: number) =>
      new Date(ms).toISOString().slice(5, 16).replace('T', ' '),
    labelTime: (ms: number) =>
      `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  };
}

/** The tick label of an instant on an axis whose ticks are `step` ms apart. */
export function timeTickFormat(
  style: ReturnType<typeof chartStyle>,
  step: number,
): (ms: number) => string {
  return step < DAY ? style.tickTimeOfDay : style.tickTime;
}
