import { InfoCard } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { BacklogFigures } from '@stewardship/backstage-plugin-stewardship-common';
import { figureRows, itemCount } from './describeBacklog';

const useStyles = makeStyles(theme => ({
  name: { fontWeight: theme.typography.fontWeightMedium as number },
  value: {
    fontWeight: theme.typography.fontWeightMedium as number,
  },
  definition: { color: theme.palette.text.secondary },
  formulas: { marginTop: theme.spacing(2) },
  formula: { fontFamily: 'monospace', fontSize: '0.85rem' },
}));

/**
 * The backlog health figures, each with its definition beside it, and the backend's formulas with
 * the numbers put in, so a reader can check every figure by hand.
 */
export function BacklogFiguresCard(props: { figures: BacklogFigures }) {
  const classes = useStyles();
  const { figures } = props;
  return (
    <InfoCard
      title="Backlog health"
      titleTypographyProps={{ component: 'h2' }}
      subheader={`${itemCount(
        figures.all.count,
      )} open; age and reliability figures over the top ${
        figures.top.count
      } ranked (N = ${figures.top.n})`}
    >
      <Table size="small" aria-label="Backlog health figures">
        <TableHead>
          <TableRow>
            <TableCell>Figure and its definition</TableCell>
            <TableCell>Value</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {figureRows(figures).map(row => (
            <TableRow key={row.id} data-testid={`figure-${row.id}`}>
              <TableCell component="th" scope="row" role="rowheader">
                <Typography variant="body2" className={classes.name}>
                  {row.name}
                </Typography>
                <Typography
                  variant="caption"
                  display="block"
                  className={classes.definition}
                >
                  {row.definition}
                </Typography>
              </TableCell>
              <TableCell className={classes.value}>{row.value}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <details className={classes.formulas}>
        <summary>
          <Typography variant="body2" component="span">
            The formulas with the numbers
          </Typography>
        </summary>
        <ul>
          {figures.formulas.map(formula => (
            <li key={formula} className={classes.formula}>
              {formula}
            </li>
          ))}
        </ul>
      </details>
    </InfoCard>
  );
}
