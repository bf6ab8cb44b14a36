import { ANNOTATIONS } from './annotations';
import { BurnRateTerms, toBurnRateTerms } from './burnRateTerms';
import { openSloAlertCondition } from './openSloAlertCondition';
import { OpenSloAlertPolicyItem, OpenSloIndex } from './openSloTypes';
import { below, childPath, DocumentPath, SpecDraft } from './SpecDraft';

interface ImportedPolicy {
  policy: Record<string, unknown>;
  terms?: BurnRateTerms;
  preset: boolean;
  at: DocumentPath;
}

/**
 * Converts an SLO's `spec.alertPolicies` (`at` is their path) into our alert policies. Each
 * burn-rate AlertCondition becomes a burn-rate policy (long window = `lookbackWindow`, short
 * window = a twelfth unless annotated), or the budget-terms policy or preset it was exported from
 * when the annotations say so and the threshold still matches them.
 */
export function openSloAlertPolicies(
  items: OpenSloAlertPolicyItem[],
  at: DocumentPath,
  index: OpenSloIndex,
  periodSeconds: number | undefined,
  draft: SpecDraft,
): unknown[] {
  const imported: ImportedPolicy[] = [];
  items.forEach((item, i) => {
    let here = { document: at.document, path: childPath(at.path, i) };
    let policy = item.spec && { metadata: item.metadata, spec: item.spec };
    if (item.alertPolicyRef !== undefined) {
      const found = index.alertPolicies.get(item.alertPolicyRef);
      if (!found) {
        draft.problem(
          { ...here, path: childPath(here.path, 'alertPolicyRef') },
          `No AlertPolicy named "${item.alertPolicyRef}" in these documents`,
        );
        return;
      }
      policy = found.value;
      here = { document: found.document, path: '' };
    }
    if (!policy) {
      draft.problem(
        here,
        'Give an alertPolicyRef or an inline AlertPolicy with a spec',
      );
      return;
    }
    const { metadata, spec } = policy;
    spec.conditions.forEach((entry, j) => {
      let conditionAt = {
        document: here.document,
        path: childPath(here.path, 'spec', 'conditions', j),
      };
      let condition = entry.spec && {
        metadata: entry.metadata,
        spec: entry.spec,
      };
      if (entry.conditionRef !== undefined) {
        const found = index.alertConditions.get(entry.conditionRef);
        if (!found) {
          draft.problem(
            {
              ...conditionAt,
              path: childPath(conditionAt.path, 'conditionRef'),
            },
            `No AlertCondition named "${entry.conditionRef}" in these documents`,
          );
          return;
        }
        condition = found.value;
        conditionAt = { document: found.document, path: '' };
      }
      if (!condition) {
        draft.problem(
          conditionAt,
          'Give a conditionRef or an inline AlertCondition with a spec',
        );
        return;
      }
      const names = [
        metadata?.name,
        spec.conditions.length > 1 ? condition.metadata?.name : undefined,
      ];
      const generated =
        metadata?.annotations?.[ANNOTATIONS.generatedName] === 'true';
      const converted = openSloAlertCondition(
        condition.spec,
        conditionAt,
        draft,
        {
          name: generated
            ? undefined
            : names.filter(Boolean).join('-') || condition.metadata?.name,
          annotations: {
            ...metadata?.annotations,
            ...condition.metadata?.annotations,
          },
          periodSeconds,
        },
      );
      if (converted) {
        const preset =
          metadata?.annotations?.[ANNOTATIONS.preset] === 'sre-workbook';
        imported.push({ ...converted, preset, at: conditionAt });
      }
    });
  });
  const policies = collapsePreset(imported, periodSeconds);
  policies.forEach((p, k) => {
    draft.from(`alertPolicies[${k}]`, p.at);
    draft.from(
      `alertPolicies[${k}].burnRate`,
      below(p.at, 'spec', 'condition', 'threshold'),
    );
  });
  return policies.map(p => p.policy);
}

/** Puts back `{ preset: 'sre-workbook' }` for the three policies exported from it, if unchanged. */
function collapsePreset(
  imported: ImportedPolicy[],
  periodSeconds: number | undefined,
) {
  const members = imported.filter(p => p.preset);
  if (!members.length || periodSeconds === undefined) return imported;
  const expected = toBurnRateTerms({ preset: 'sre-workbook' }, periodSeconds);
  const unchanged =
    members.length === expected.length &&
    members.every(({ terms }, i) => {
      const want = expected[i];
      return (
        terms !== undefined &&
        terms.name === want.name &&
        terms.severity === want.severity &&
        terms.longWindow === want.longWindow &&
        terms.shortWindow === want.shortWindow &&
        Math.abs(terms.burnRate - want.burnRate) <= 1e-9 * want.burnRate
      );
    });
  if (!unchanged) return imported;
  const first = imported.indexOf(members[0]);
  const others = imported.filter(p => !p.preset);
  others.splice(first, 0, {
    policy: { preset: 'sre-workbook' },
    preset: true,
    at: members[0].at,
  });
  return others;
}
