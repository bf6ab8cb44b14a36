import {
  FailingEntity,
  toCsv,
} from '@stewardship/backstage-plugin-stewardship-common';

const HEADER = [
  'entityRef',
  'kind',
  'title',
  'owner',
  'system',
  'domain',
  'role',
  'status',
  'value',
  'problem',
  'fix',
];

/**
 * One CSV row per failing role of each failing entity (RFC 4180), so a spreadsheet can filter
 * by role or status directly.
 */
export function scorecardCsv(items: FailingEntity[]): string {
  const rows = [HEADER];
  for (const item of items) {
    for (const problem of item.problems) {
      rows.push([
        item.entityRef,
        item.kind,
        item.title ?? '',
        item.owner ?? '',
        item.system ?? '',
        item.domain ?? '',
        problem.role,
        problem.status,
        problem.value ?? '',
        problem.problem ?? '',
        problem.fix ?? '',
      ]);
    }
  }
  return toCsv(rows);
}

/**
 * Response headers saying how old a CSV export is: `Last-Modified` (HTTP date, whole seconds)
 * for clients and caches, `X-Stewardship-Evaluated-At` (ISO 8601, ms) like the JSON's
 * `evaluatedAt`.
 */
export function scorecardFreshnessHeaders(
  evaluatedAt: Date,
): Record<string, string> {
  return {
    'Last-Modified': evaluatedAt.toUTCString(),
    'X-Stewardship-Evaluated-At': evaluatedAt.toISOString(),
  };
}
