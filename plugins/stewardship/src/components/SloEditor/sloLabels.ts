/** The most labels an SLO may carry, and their lengths, as the backend allows. */
const MAX_LABELS = 50;
const MAX_LABEL_KEY = 100;
const MAX_LABEL_VALUE = 200;

/**
 * The labels text of the form, one `key: value` per line, or the first problem in it, naming its
 * line. A line is split at its first `: ` (else its first `:`), so a key that holds a colon, as
 * `a:b: c` shows it, reads back as written; both sides are trimmed and blank lines skipped.
 */
export function parseLabels(
  text: string,
): { labels: Record<string, string> } | { error: string } {
  // A Map, so that keys such as __proto__ stay plain keys.
  const labels = new Map<string, string>();
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    if (!line.trim()) continue;
    const spaced = line.indexOf(': ');
    const colon = spaced < 0 ? line.indexOf(':') : spaced;
    const key = colon < 0 ? '' : line.slice(0, colon).trim();
    const value = colon < 0 ? '' : line.slice(colon + 1).trim();
    const problem =
      (!key && 'write it as key: value, e.g. tier: critical') ||
      (key.length > MAX_LABEL_KEY &&
        `the key is longer than ${MAX_LABEL_KEY} characters`) ||
      (value.length > MAX_LABEL_VALUE &&
        `the value is longer than ${MAX_LABEL_VALUE} characters`) ||
      (labels.has(key) && `"${key}" is already set above`);
    if (problem) return { error: `Line ${i + 1}: ${problem}` };
    labels.set(key, value);
  }
  if (labels.size > MAX_LABELS) {
    return { error: `At most ${MAX_LABELS} labels` };
  }
  return { labels: Object.fromEntries(labels) };
}

/** Whether the line `key: value` reads back as exactly this label. */
function readsBack(key: string, value: string): boolean {
  if (key.includes('\n') || value.includes('\n')) return false;
  const parsed = parseLabels(`${key}: ${value}`);
  return (
    'labels' in parsed &&
    Object.keys(parsed.labels).length === 1 &&
    Object.prototype.hasOwnProperty.call(parsed.labels, key) &&
    parsed.labels[key] === value
  );
}

/**
 * A stored SLO's labels as the form holds them: the lines of its Labels text, and the labels no
 * line could give back as they are (`kept`), such as a key holding `: ` (`team: payments` would
 * read back as the key `team`) or a value with spaces around it (trimmed when read). Those are
 * kept as stored rather than silently rewritten on the next save.
 */
export function labelsToForm(labels: Record<string, string>): {
  text: string;
  kept: Record<string, string>;
} {
  const lines: string[] = [];
  const kept = new Map<string, string>();
  for (const [key, value] of Object.entries(labels)) {
    if (readsBack(key, value)) lines.push(`${key}: ${value}`);
    else kept.set(key, value);
  }
  return { text: lines.join('\n'), kept: Object.fromEntries(kept) };
}

/**
 * The labels to send: those kept as stored, then the text's (a key the text sets replaces a kept
 * one). Call it on text {@link parseLabels} reads: labels it cannot read are left out.
 */
export function labelsFromForm(
  text: string,
  kept: Record<string, string>,
): Record<string, string> {
  const parsed = parseLabels(text);
  const written = 'labels' in parsed ? parsed.labels : {};
  const labels = new Map(Object.entries(kept));
  for (const [key, value] of Object.entries(written)) labels.set(key, value);
  return Object.fromEntries(labels);
}

/** The labels kept as stored, each as `"key" = "value"` so that spaces and colons show. */
export function keptLabelsText(kept: Record<string, string>): string {
  return Object.entries(kept)
    .map(([key, value]) => `${JSON.stringify(key)} = ${JSON.stringify(value)}`)
    .join(', ');
}
