import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { BacklogFigures } from '@stewardship/backstage-plugin-stewardship-common';
import { BarChart } from '../charts';
import {
  FIGURE_DEFINITIONS,
  bucketWords,
  histogramSentence,
} from './describeBacklog';

/**
 * The age histogram of all open items: a bar chart for the eye (hidden from screen readers) and
 * the same counts in a sentence and a table.
 */
export function BacklogAgeChart(props: { figures: BacklogFigures }) {
  const theme = useTheme();
  const buckets = props.figures.all.ageHistogram;
  return (
    <InfoCard
      title="Age of open items"
      titleTypographyProps={{ component: 'h2' }}
      subheader={FIGURE_DEFINITIONS.histogram}
    >
      <Typography variant="body2" gutterBottom>
        {histogramSentence(props.figures)}
      </Typography>
      <Box aria-hidden="true">
        <BarChart
          height={200}
          colour={theme.palette.primary.main}
          bars={buckets.map(bucket => ({
            label: `${bucket.label} d`,
            value: bucket.count,
          }))}
        />
      </Box>
      <Table size="small" aria-label="Open items by age">
        <TableHead>
          <TableRow>
            <TableCell>Age</TableCell>
            <TableCell align="right">Open items</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {buckets.map(bucket => (
            <TableRow key={bucket.label}>
              <TableCell component="th" scope="row" role="rowheader">
                {bucketWords(bucket)}
              </TableCell>
              <TableCell align="right">{bucket.count}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
}
