import { Theme } from '@material-ui/core/styles';

/** Recharts props shared by the SLO charts, from the theme so both themes read well. */
export function chartStyle(theme: Theme) {
  const axis = { fill: theme.palette.text.secondary, fontSize: 12 };
  return {
    axis,
    grid: { stroke: theme.palette.divider, strokeDasharray: '3 3' },
    tooltip: {
      background: theme.palette.background.paper,
      borderColor: theme.palette.divider,
      color: theme.palette.text.primary,
    },
    // Time on a numeric axis, so gaps between snapshots keep their true width.
    tickTime: (ms: number) => new Date(ms).toISOString().slice(5, 10),
    labelTime: (ms: number) =>
      `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  };
}
