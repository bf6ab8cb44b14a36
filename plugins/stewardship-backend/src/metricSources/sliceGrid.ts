import { MetricSourceError } from '@stewardship/backstage-plugin-stewardship-node';

/** Slice ends `firstEndMs`, `firstEndMs + sliceMs`, … (`count` of them), the last one the request's end. */
export interface SliceGrid {
  firstEndMs: number;
  sliceMs: number;
  count: number;
}

/**
 * The slices `(end − k·slice, end − (k−1)·slice]` that fit between `start` and `end`, as the
 * contract defines them: aligned on `end`, whole slices only (a partial oldest slice is left out).
 */
export function sliceGrid(
  source: string,
  start: Date,
  end: Date,
  sliceSeconds: number,
): SliceGrid {
  if (!Number.isInteger(sliceSeconds) || sliceSeconds < 1) {
    throw new MetricSourceError(
      `${source}: the slice must be a whole number of seconds, got ${sliceSeconds}`,
    );
  }
  const sliceMs = sliceSeconds * 1000;
  const count = Math.max(
    0,
    Math.floor((end.getTime() - start.getTime()) / sliceMs),
  );
  return { firstEndMs: end.getTime() - (count - 1) * sliceMs, sliceMs, count };
}

/** Splits a grid into consecutive grids of at most `maxSlices` slices (servers cap points per request). */
export function chunkSliceGrid(
  grid: SliceGrid,
  maxSlices: number,
): SliceGrid[] {
  const chunks: SliceGrid[] = [];
  for (let done = 0; done < grid.count; done += maxSlices) {
    chunks.push({
      firstEndMs: grid.firstEndMs + done * grid.sliceMs,
      sliceMs: grid.sliceMs,
      count: Math.min(maxSlices, grid.count - done),
    });
  }
  return chunks;
}
