import {
  AlertPolicySpec,
  BudgetAlertPolicySpec,
  SRE_WORKBOOK_POLICIES,
  parseDuration,
  resolveAlertPolicies,
} from '@stewardship/backstage-plugin-stewardship-common';
import { calendarPeriodSeconds } from './calendarPeriodSeconds';
import { toFraction } from './percentText';

/** The fields of the form the preset's policies depend on. */
export interface PresetContext {
  objectivePercent: string;
  windowType: 'rolling' | 'calendar';
  rollingDuration: string;
  calendarUnit: 'month' | 'quarter';
  timeZone: string;
}

const capitalized = (text: string) =>
  text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Budget-terms policies in one clause, by severity: `page when 2 % of the budget burns within 1h
 * or 5 % within 6h; ticket when 10 % burns within 3d`.
 */
function policiesClause(specs: readonly BudgetAlertPolicySpec[]): string {
  let first = true;
  return (['page', 'ticket'] as const)
    .map(severity => specs.filter(spec => spec.severity === severity))
    .filter(group => group.length > 0)
    .map(group => {
      const parts = group.map((spec, i) => {
        const burns =
          i === 0 ? `${first ? ' of the budget' : ''} burns within` : ' within';
        first = false;
        return `${spec.budgetPercent} %${burns} ${spec.within}`;
      });
      return `${group[0].severity} when ${parts.join(' or ')}`;
    })
    .join('; ');
}

/** The SLO's period in seconds as the form holds it, or undefined while it cannot be read. */
function periodSeconds(context: PresetContext): number | undefined {
  if (context.windowType === 'rolling') {
    return parseDuration(context.rollingDuration);
  }
  // sloWindowAt's period, without bringing luxon into the frontend (calendarPeriodSeconds).
  try {
    return calendarPeriodSeconds(
      context.calendarUnit,
      context.timeZone.trim(),
      new Date(),
    );
  } catch {
    return undefined;
  }
}

/**
 * What the SRE Workbook preset alerts on for the objective and window typed: a policy the
 * objective makes impossible (its burn rate is above the one of every event failing) is left
 * out by the backend (`resolveAlertPolicies`), and said to be. All of them while the objective
 * or the window cannot be read.
 */
export function presetPoliciesText(context: PresetContext): string {
  const objective = toFraction(context.objectivePercent);
  const period = periodSeconds(context);
  const all = `${capitalized(policiesClause(SRE_WORKBOOK_POLICIES))}.`;
  if (
    !context.objectivePercent.trim() ||
    !(objective > 0 && objective < 1) ||
    period === undefined
  ) {
    return `${all} A policy that could never fire at the SLO's objective is left out.`;
  }
  const { policies } = resolveAlertPolicies([{ preset: 'sre-workbook' }], {
    objective,
    periodSeconds: period,
  });
  // The preset's policies have no names: the resolved ones are named severity-within.
  const resolved = new Set(policies.map(policy => policy.name));
  const kept = SRE_WORKBOOK_POLICIES.filter(spec =>
    resolved.has(`${spec.severity}-${spec.within}`),
  );
  const left = SRE_WORKBOOK_POLICIES.filter(spec => !kept.includes(spec));
  if (left.length === 0) return all;
  const leftOut = `left out at an objective of ${context.objectivePercent.trim()} %, as not even every event failing would burn that fast: ${policiesClause(
    left,
  )}.`;
  return kept.length === 0
    ? `No policy of the preset can fire: all are ${leftOut}`
    : `${capitalized(policiesClause(kept))}. The rest is ${leftOut}`;
}

/** One stored policy in words, as the form lists the policies it keeps as written. */
export function describePolicy(spec: AlertPolicySpec): string {
  if ('preset' in spec) return 'the SRE Workbook preset';
  const named = spec.name ? `${spec.name}: ` : '';
  if ('budgetPercent' in spec) {
    const short = spec.shortWindow ? `, short window ${spec.shortWindow}` : '';
    return `${named}${spec.severity} when ${spec.budgetPercent} % of the budget burns within ${spec.within}${short}`;
  }
  return `${named}${spec.severity} when the burn rate exceeds ${spec.burnRate} over ${spec.longWindow} and over ${spec.shortWindow}`;
}
