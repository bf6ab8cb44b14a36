import { SloDefinition } from '@stewardship/backstage-plugin-stewardship-common';

/**
 * The SLO's name as its controls, tables and captions say it: `availability`, or, where SLOs of
 * several entities are listed together (a system's tab, whose components may each have an
 * `availability`), `availability of Fraud Detection`.
 */
export function sloName(
  slo: Pick<SloDefinition, 'name'>,
  entityTitle?: string,
): string {
  return entityTitle === undefined ? slo.name : `${slo.name} of ${entityTitle}`;
}
