/**
 * PromQL for event counts.
 *
 * Each (window, query) pair becomes one self-contained, single-series query that a user can
 * paste into Prometheus (`renderEventQuery`); `combineQueries` then joins them into ONE request
 * by tagging each with a distinct value of `PROMETHEUS_KEY_LABEL` and or-ing them together, so an
 * SLO with eight windows and three queries costs one round trip and one query evaluation instead
 * of twenty-four.
 */

/** The label that tells the parts of a combined query apart in its answer. */
export const PROMETHEUS_KEY_LABEL = 'stewardship_query';

const WINDOW_PLACEHOLDER = /\{\{\s*\.window\s*\}\}/;
const WINDOW_PLACEHOLDERS = new RegExp(WINDOW_PLACEHOLDER.source, 'g');

/** True for a PromQL expression with Sloth's `{{.window}}` placeholder, false for a selector. */
export function hasWindowPlaceholder(query: string): boolean {
  return WINDOW_PLACEHOLDER.test(query);
}

/**
 * The single-series PromQL counting the events of `query` over the `rangeSeconds` before the
 * evaluation time:
 *
 * - a counter selector becomes `sum(increase(<selector>[<range>s]))`;
 * - an expression has `{{.window}}` replaced by `<range>s` and is used as written when it is
 *   already one top-level `sum(...)`; otherwise it is wrapped in `sum(...)`. Wrapping makes
 *   `increase(x[{{.window}}])` or `sum by (code) (...)` count all their series (what a count over
 *   several series means) and keeps the answer one number per query, computed by Prometheus
 *   rather than shipped series by series. `sum` of nothing is nothing, so "no series" survives.
 */
export function renderEventQuery(query: string, rangeSeconds: number): string {
  const range = `${rangeSeconds}s`;
  const trimmed = query.trim();
  if (!hasWindowPlaceholder(trimmed)) {
    return `sum(increase(${trimmed}[${range}]))`;
  }
  const expression = trimmed.replace(WINDOW_PLACEHOLDERS, range);
  return isWholeSum(expression) ? expression : `sum(${expression})`;
}

/** Joins queries into one whose answer has one series per non-empty part, labelled by its index. */
export function combineQueries(queries: readonly string[]): string {
  return queries
    .map(
      (query, index) =>
        `label_replace(${query}, "${PROMETHEUS_KEY_LABEL}", "${index}", "", "")`,
    )
    .join(' or ');
}

/**
 * True when the whole expression is one `sum(...)` without `by`/`without`, i.e. one series at
 * most. Parentheses inside string literals (label matchers like `code=~"(4|5).."`) are skipped.
 */
export function isWholeSum(expression: string): boolean {
  const match = /^sum\s*\(/.exec(expression);
  if (!match) {
    return false;
  }
  let depth = 0;
  let quote: string | undefined;
  for (let i = match[0].length - 1; i < expression.length; i++) {
    const char = expression[i];
    if (quote) {
      if (char === '\\') {
        i++;
      } else if (char === quote) {
        quote = undefined;
      }
    } else if (char === '"' || char === "'" || char === '`') {
      quote = char;
    } else if (char === '(') {
      depth++;
    } else if (char === ')') {
      depth--;
      if (depth === 0) {
        return expression.slice(i + 1).trim() === '';
      }
    }
  }
  return false;
}
