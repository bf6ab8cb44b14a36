export { BarChart } from './BarChart';
export { TimeSeriesChart, shortenedLabelsNote } from './TimeSeriesChart';
export type {
  ChartBand,
  ChartSeries,
  TimeSeriesChartProps,
} from './TimeSeriesChart';
export type { ChartReference } from './ReferenceLine';
