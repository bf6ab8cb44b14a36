import {
  SloOverviewItem,
  toCsv,
} from '@stewardship/backstage-plugin-stewardship-common';

const HEADER = [
  'entityRef',
  'entityTitle',
  'slo',
  'status',
  'stale',
  'brokenSli',
  'budgetRemaining',
  'sli',
  'objective',
  'owner',
  'system',
  'evaluatedAt',
  'noDataReason',
  'reason',
  'sloId',
];

/**
 * One CSV row per SLO (RFC 4180). Fractions stay fractions (0.25 is 25 %), exactly as the
 * snapshot holds them, so a spreadsheet can compute with them; an empty cell means no data.
 */
export function sloOverviewCsv(items: SloOverviewItem[]): string {
  return toCsv([
    HEADER,
    ...items.map(item => [
      item.entityRef,
      item.entityTitle ?? '',
      item.name,
      item.status ?? 'never evaluated',
      String(item.stale),
      String(item.brokenSli),
      item.budgetRemaining ?? '',
      item.sli ?? '',
      item.objective,
      item.owner ?? '',
      item.system ?? '',
      item.evaluatedAt ?? '',
      item.noDataReason ?? '',
      item.reason ?? '',
      item.sloId,
    ]),
  ]);
}
