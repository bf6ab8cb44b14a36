import { ANNOTATIONS } from './annotations';
import { BurnRateTerms, toBurnRateTerms } from './burnRateTerms';
import { openSloAlertCondition } from './openSloAlertCondition';
import {
  IndexedDocument,
  OpenSloAlertPolicyItem,
  OpenSloIndex,
} from './openSloTypes';
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
    const policyAt = { document: at.document, path: childPath(at.path, i) };
    const resolved = inlineOrReferenced(
      item.spec && { metadata: item.metadata, spec: item.spec },
      {
        field: 'alertPolicyRef',
        name: item.alertPolicyRef,
        kind: 'AlertPolicy',
      },
      index.alertPolicies,
      policyAt,
      draft,
    );
    if (!resolved) return;
    const here = resolved.at;
    const { metadata, spec } = resolved.value;
    spec.conditions.forEach((entry, j) => {
      const conditionResolved = inlineOrReferenced(
        entry.spec && { metadata: entry.metadata, spec: entry.spec },
        {
          field: 'conditionRef',
          name: entry.conditionRef,
          kind: 'AlertCondition',
        },
        index.alertConditions,
        {
          document: here.document,
          path: childPath(here.path, 'spec', 'conditions', j),
        },
        draft,
      );
      if (!conditionResolved) return;
      const { value: condition, at: conditionAt } = conditionResolved;
      const names = [
        metadata?.name,
        spec.conditions.length > 1 ? condition.metadata?.name : undefined,
      ];
      const generated =
        metadata?.annotations?.[ANNOTATIONS.generatedName] === 'true';
      // The export's unique OpenSLO name stands in for a repeated one of ours.
      const ownName = metadata?.annotations?.[ANNOTATIONS.policyName];
      const converted = openSloAlertCondition(
        condition.spec,
        conditionAt,
        draft,
        {
          name: generated
            ? undefined
            : ownName ??
              (names.filter(Boolean).join('-') || condition.metadata?.name),
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

/**
 * An item written inline, or the document its ref names in the same set (then located there).
 * Undefined, with the problem reported, when the ref names nothing or neither is given.
 */
function inlineOrReferenced<T, D extends T>(
  inline: T | undefined,
  ref: { field: string; name: string | undefined; kind: string },
  documents: ReadonlyMap<string, IndexedDocument<D>>,
  at: DocumentPath,
  draft: SpecDraft,
): { value: T; at: DocumentPath } | undefined {
  if (ref.name !== undefined) {
    const found = documents.get(ref.name);
    if (!found) {
      draft.problem(
        { ...at, path: childPath(at.path, ref.field) },
        `No ${ref.kind} named "${ref.name}" in these documents`,
      );
      return undefined;
    }
    return { value: found.value, at: { document: found.document, path: '' } };
  }
  if (!inline) {
    draft.problem(
      at,
      `Give a ${ref.field} or an inline ${ref.kind} with a spec`,
    );
    return undefined;
  }
  return { value: inline, at };
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
