/** The width a tick label takes, estimated: digits, dashes and colons of a sans-serif font. */
export function labelWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.62;
}

/** How far inside the plot a label's centre is kept, so the first and last are not cut off. */
export const LABEL_INSET = 20;

/**
 * The tick labels to draw: each centred on its tick (at least {@link LABEL_INSET} px inside the
 * plot), leaving out a label that would touch the one drawn before it. Grid lines are drawn for
 * every tick; only words that would run together ("12-01 00:0012-01 12:00") are left out.
 */
export function fittingLabels(
  ticks: number[],
  toX: (t: number) => number,
  format: (t: number) => string,
  box: { left: number; right: number },
  fontSize: number,
  gap = 8,
): Array<{ t: number; x: number; text: string }> {
  const kept: Array<{ t: number; x: number; text: string }> = [];
  let previousEnd = -Infinity;
  for (const t of ticks) {
    const text = format(t);
    const x = Math.min(
      Math.max(toX(t), box.left + LABEL_INSET),
      box.right - LABEL_INSET,
    );
    const half = labelWidth(text, fontSize) / 2;
    if (x - half < previousEnd + gap) continue;
    kept.push({ t, x, text });
    previousEnd = x + half;
  }
  return kept;
}
