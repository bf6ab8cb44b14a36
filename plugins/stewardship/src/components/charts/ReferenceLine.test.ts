import { staggerLabelRows, verticalLabelSpan } from './ReferenceLine';

describe('verticalLabelSpan', () => {
  // "SEV2" at 11 px: 4 characters × 11 × 0.62 = 27.28 px wide, 3 px off its line.
  it('puts a label right of its line', () => {
    const span = verticalLabelSpan(100, 'SEV2', 624);
    expect(span.anchorEnd).toBe(false);
    expect(span.from).toBeCloseTo(103, 6);
    expect(span.to).toBeCloseTo(130.28, 6);
  });

  it('puts it left of its line near the plot’s right end', () => {
    // 600 is within 40 px of the right edge at 624.
    const span = verticalLabelSpan(600, 'SEV2', 624);
    expect(span.anchorEnd).toBe(true);
    expect(span.from).toBeCloseTo(569.72, 6);
    expect(span.to).toBeCloseTo(597, 6);
  });
});

describe('staggerLabelRows', () => {
  it('keeps labels apart on the top row, and moves one that would touch the last one down', () => {
    expect(
      staggerLabelRows([
        { from: 100, to: 130 },
        // Starts before the first ends (+4 px gap): the row below.
        { from: 120, to: 150 },
        // 134 ≤ 140: the top row is free again.
        { from: 140, to: 170 },
        // 174 > 172: not the top row; the second row is free from 154.
        { from: 172, to: 200 },
        { from: 300, to: 330 },
      ]),
    ).toEqual([0, 1, 0, 1, 0]);
  });

  it('answers in the order given, whatever the order of the labels across the chart', () => {
    expect(
      staggerLabelRows([
        { from: 300, to: 330 },
        { from: 120, to: 150 },
        { from: 100, to: 130 },
      ]),
    ).toEqual([0, 1, 0]);
  });

  it('keeps a gap of 4 px on a row: 3 px is too close', () => {
    expect(
      staggerLabelRows([
        { from: 0, to: 10 },
        { from: 14, to: 20 },
      ]),
    ).toEqual([0, 0]);
    expect(
      staggerLabelRows([
        { from: 0, to: 10 },
        { from: 13, to: 20 },
      ]),
    ).toEqual([0, 1]);
  });

  it('uses at most three rows, and gives a label that finds none no row at all', () => {
    expect(
      staggerLabelRows([
        { from: 100, to: 140 },
        { from: 101, to: 125 },
        { from: 102, to: 150 },
        // Every row taken (ends 140, 125, 150; +4 px is past 103): none, not over another.
        { from: 103, to: 160 },
      ]),
    ).toEqual([0, 1, 2, undefined]);
  });

  it('keeps no room on any row for a label that found none', () => {
    expect(
      staggerLabelRows([
        { from: 100, to: 140 },
        { from: 101, to: 125 },
        { from: 102, to: 150 },
        // No row: shortened, however far it would have reached.
        { from: 103, to: 300 },
        // 125 + 4 ≤ 130: the second row again (it would not be, had the last one taken it).
        { from: 130, to: 160 },
        // 140 + 4 ≤ 145: the top row.
        { from: 145, to: 170 },
        // Rows end at 170, 160, 150: 150 + 4 ≤ 154 frees only the third.
        { from: 154, to: 180 },
        // 170, 160, 180 all end past 161: none.
        { from: 161, to: 190 },
      ]),
    ).toEqual([0, 1, 2, undefined, 1, 0, 2, undefined]);
  });
});
