import { makeStyles } from '@material-ui/core/styles';

/** One entry of a chart's legend: a short stroke as drawn in the chart, and its name. */
export interface ChartLegendItem {
  name: string;
  colour: string;
  dash?: string;
  width?: number;
}

const useStyles = makeStyles(theme => ({
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    justifyContent: 'center',
    gap: theme.spacing(2),
    listStyle: 'none',
    margin: theme.spacing(0.5, 0, 0),
    padding: 0,
    fontSize: 12,
    color: theme.palette.text.primary,
  },
  item: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
  },
}));

/** The names of what a chart draws, under it (HTML, so long names wrap). */
export function ChartLegend(props: { items: ChartLegendItem[] }) {
  const classes = useStyles();
  return (
    <ul className={classes.legend} data-chart-legend="">
      {props.items.map(item => (
        <li key={item.name} className={classes.item}>
          <svg width={24} height={10}>
            <line
              x1={0}
              x2={24}
              y1={5}
              y2={5}
              stroke={item.colour}
              strokeWidth={item.width ?? 2}
              strokeDasharray={item.dash}
            />
          </svg>
          <span>{item.name}</span>
        </li>
      ))}
    </ul>
  );
}
