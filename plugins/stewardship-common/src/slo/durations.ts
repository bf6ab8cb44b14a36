const UNIT_SECONDS: Record<string, number> = {
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
  w: 604800,
};

const DURATION = /^(?:\d+[smhdw])+$/;
const PART = /(\d+)([smhdw])/g;

/**
 * Parses a Prometheus-style duration (`30s`, `5m`, `1h30m`, `28d`, `2w`) into seconds.
 * Returns `undefined` for anything else, including zero.
 *
 * @public
 */
export function parseDuration(text: string): number | undefined {
  if (typeof text !== 'string' || !DURATION.test(text)) {
    return undefined;
  }
  let seconds = 0;
  for (const [, amount, unit] of text.matchAll(PART)) {
    seconds += Number(amount) * UNIT_SECONDS[unit];
  }
  return seconds > 0 ? seconds : undefined;
}

/**
 * Formats seconds as the shortest Prometheus-style duration (`86400` → `1d`, `5400` → `1h30m`).
 *
 * @public
 */
export function formatDuration(seconds: number): string {
  let rest = Math.round(seconds);
  if (rest <= 0) {
    return '0s';
  }
  let text = '';
  for (const unit of ['d', 'h', 'm', 's']) {
    const size = UNIT_SECONDS[unit];
    if (rest >= size) {
      text += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return text;
}
