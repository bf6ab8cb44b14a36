import { fittingLabels, labelWidth } from './axisLabels';

const HOUR = 3_600_000;
const dayAndTime = (t: number) =>
  new Date(t).toISOString().slice(5, 16).replace('T', ' ');

describe('fittingLabels', () => {
  const start = Date.UTC(2026, 11, 1);
  // Twelve ticks 12 h apart over 600 px: 60 px apart, narrower than "12-01 00:00" (about 82 px).
  const ticks = Array.from({ length: 12 }, (_, i) => start + i * 12 * HOUR);
  const toX = (t: number) => 40 + ((t - start) / (11 * 12 * HOUR)) * 600;

  it('leaves out labels that would run into the one before, never two that touch', () => {
    const labels = fittingLabels(
      ticks,
      toX,
      dayAndTime,
      { left: 40, right: 640 },
      12,
    );
    // Labels 81.84 px wide (11 × 12 × 0.62), ticks 54.5 px apart from x = 40, 8 px between labels:
    // the first is moved to 60 (ends at 100.9); tick 2 would start at 108.2, short of 108.9; tick 3
    // starts at 162.7 (ends 244.6); then ticks 5, 7 and 9; tick 11, moved to 620, would start at
    // 579.1, short of 579.8.
    expect(labels.map(l => l.text)).toEqual([
      '12-01 00:00',
      '12-02 12:00',
      '12-03 12:00',
      '12-04 12:00',
      '12-05 12:00',
    ]);
    for (let i = 1; i < labels.length; i++) {
      const previousEnd =
        labels[i - 1].x + labelWidth(labels[i - 1].text, 12) / 2;
      const start_ = labels[i].x - labelWidth(labels[i].text, 12) / 2;
      expect(start_ - previousEnd).toBeGreaterThanOrEqual(8);
    }
  });

  it('keeps every label when they have room, each centred on its tick inside the plot', () => {
    const short = (t: number) => new Date(t).toISOString().slice(5, 10);
    const days = [0, 1, 2, 3].map(i => start + i * 24 * HOUR);
    const labels = fittingLabels(
      days,
      t => 40 + ((t - start) / (3 * 24 * HOUR)) * 600,
      short,
      { left: 40, right: 640 },
      12,
    );
    // 200 px apart; the first and last moved 20 px inside the plot.
    expect(labels).toEqual([
      { t: days[0], x: 60, text: '12-01' },
      { t: days[1], x: 240, text: '12-02' },
      { t: days[2], x: 440, text: '12-03' },
      { t: days[3], x: 620, text: '12-04' },
    ]);
  });
});
