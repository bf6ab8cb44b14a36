export { BarChart } from './BarChart';
export { ChartLegend } from './ChartLegend';
export type { ChartLegendItem } from './ChartLegend';
export { TimeSeriesChart } from './TimeSeriesChart';
export type {
  ChartBand,
  ChartReference,
  ChartSeries,
  TimeSeriesChartProps,
} from './TimeSeriesChart';
export { chartStyle } from './chartStyle';
