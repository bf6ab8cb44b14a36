/*
 * Export of one SLO as an OpenSLO v1 `SLO` document with everything inline (indicator, alert
 * policies and their conditions), so that it stands alone. OpenSLO cannot say everything we store,
 * so the rest travels in `stewardship.io/*` annotations (see ANNOTATIONS) and `importSloDocuments`
 * restores the same spec from it.
 */
import { parseEntityRef } from '@backstage/catalog-model';
import {
  AlertPolicySpec,
  SloDefinition,
  SloSpec,
} from '@stewardship/backstage-plugin-stewardship-common';
import { normalizeEntityRef } from '../../lib/entityRefs';
import { ANNOTATIONS } from './annotations';
import {
  BurnRateTerms,
  defaultShortWindow,
  toBurnRateTerms,
  windowPeriodSeconds,
} from './burnRateTerms';
import { stringifyPrintableYaml } from './stringifyPrintableYaml';

/** How to write the document. */
export interface ExportOpenSloOptions {
  /** The `metricSource.type` to write next to `metricSourceRef`, e.g. `Prometheus`. */
  metricSourceType?: string;
}

/** Writes an SLO as an OpenSLO v1 YAML document; join several with `---\n`. */
export function exportOpenSlo(
  slo: SloDefinition | SloSpec,
  options: ExportOpenSloOptions = {},
): string {
  const metric = (query: string) => ({
    metricSource: {
      metricSourceRef: slo.metricSource,
      ...(options.metricSourceType ? { type: options.metricSourceType } : {}),
      spec: { query },
    },
  });
  const { sli, timeWindow } = slo;
  // Stored refs are normalised already; a spec handed in directly may be short or mixed-case.
  const entityRef = normalizeEntityRef(slo.entityRef, {
    defaultKind: 'component',
    what: 'entityRef',
  });
  const annotations: Record<string, string> = {
    [ANNOTATIONS.entityRef]: entityRef,
    ...(slo.minEvents !== undefined
      ? { [ANNOTATIONS.minEvents]: String(slo.minEvents) }
      : {}),
    ...(slo.schedule
      ? { [ANNOTATIONS.schedule]: JSON.stringify(slo.schedule) }
      : {}),
  };
  const document = {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: {
      name: slo.name,
      ...(Object.keys(slo.labels).length ? { labels: slo.labels } : {}),
      annotations,
    },
    spec: {
      ...(slo.description !== undefined
        ? { description: slo.description }
        : {}),
      service: parseEntityRef(entityRef).name,
      indicator: {
        metadata: {
          name: `${slo.name}-sli`,
          // OpenSLO writes both as a ratio: these tell the import which it was.
          annotations: {
            [ANNOTATIONS.sliType]: sli.type,
            ...(sli.type === 'latency'
              ? { [ANNOTATIONS.latencyThreshold]: String(sli.thresholdSeconds) }
              : {}),
          },
        },
        spec: {
          ratioMetric: {
            counter: true,
            ...(sli.good !== undefined ? { good: metric(sli.good) } : {}),
            ...(sli.type === 'ratio' && sli.bad !== undefined
              ? { bad: metric(sli.bad) }
              : {}),
            total: metric(sli.total),
          },
        },
      },
      timeWindow: [
        timeWindow.type === 'rolling'
          ? { duration: timeWindow.duration, isRolling: true }
          : {
              duration: timeWindow.unit === 'month' ? '1M' : '1Q',
              isRolling: false,
              // Any start of a quarter: our calendar windows are aligned to months and quarters.
              calendar: {
                startTime: '2020-01-01 00:00:00',
                timeZone: timeWindow.timeZone,
              },
            },
      ],
      budgetingMethod:
        slo.budgetingMethod === 'timeslices' ? 'Timeslices' : 'Occurrences',
      objectives: [
        {
          target: slo.objective,
          ...(slo.budgetingMethod === 'timeslices' && slo.timeslice
            ? {
                timeSliceTarget: slo.timeslice.target,
                timeSliceWindow: slo.timeslice.duration,
              }
            : {}),
        },
      ],
      ...(slo.alertPolicies.length
        ? {
            alertPolicies: alertPolicies(
              slo.alertPolicies,
              windowPeriodSeconds(timeWindow) ?? 0,
            ),
          }
        : {}),
    },
  };
  return stringifyPrintableYaml(document);
}

/** The longest name of an SLO or alert policy (sloSpecSchema). */
const MAX_NAME_LENGTH = 100;

/**
 * OpenSLO requires a unique name per policy; ours may repeat (two policies named alike, or one
 * named as a preset member). A repeated name is written with a `-2`, `-3`… suffix (kept within
 * the longest name) and the policy's own name in the `stewardship.io/policy-name` annotation, so
 * the import gives back the policies, and the preset, as they were.
 */
function alertPolicies(policies: AlertPolicySpec[], periodSeconds: number) {
  const used = new Set<string>();
  return policies.flatMap(policy =>
    toBurnRateTerms(policy, periodSeconds).map(terms => {
      // OpenSLO requires names; unnamed policies get one from what they are about.
      const base = terms.name ?? `${terms.severity}-${terms.longWindow}`;
      let name = base;
      for (let n = 2; used.has(name); n++) {
        const suffix = `-${n}`;
        name = `${base.slice(0, MAX_NAME_LENGTH - suffix.length)}${suffix}`;
      }
      used.add(name);
      return alertPolicy(name, terms, {
        preset: 'preset' in policy,
        generatedName: terms.name === undefined,
        ownName: terms.name !== undefined && name !== terms.name,
      });
    }),
  );
}

function alertPolicy(
  name: string,
  terms: BurnRateTerms,
  {
    preset,
    generatedName,
    ownName,
  }: { preset: boolean; generatedName: boolean; ownName: boolean },
) {
  const annotations: Record<string, string> = {};
  if (
    terms.budgetPercent !== undefined &&
    terms.within !== undefined &&
    !preset
  ) {
    annotations[ANNOTATIONS.budgetPercent] = String(terms.budgetPercent);
    annotations[ANNOTATIONS.within] = terms.within;
  }
  // Budget terms keep a written short window even when it is the default, so it comes back written.
  if (
    terms.explicitShortWindow ||
    (terms.within === undefined &&
      terms.shortWindow !== defaultShortWindow(terms.longWindow))
  ) {
    annotations[ANNOTATIONS.shortWindow] = terms.shortWindow;
  }
  const policyAnnotations: Record<string, string> = {
    ...(preset ? { [ANNOTATIONS.preset]: 'sre-workbook' } : {}),
    ...(generatedName && !preset
      ? { [ANNOTATIONS.generatedName]: 'true' }
      : {}),
    ...(ownName && terms.name !== undefined
      ? { [ANNOTATIONS.policyName]: terms.name }
      : {}),
  };
  return {
    kind: 'AlertPolicy',
    metadata: {
      name,
      ...(Object.keys(policyAnnotations).length
        ? { annotations: policyAnnotations }
        : {}),
    },
    spec: {
      alertWhenBreaching: true,
      alertWhenResolved: false,
      alertWhenNoData: false,
      conditions: [
        {
          kind: 'AlertCondition',
          metadata: {
            name,
            ...(Object.keys(annotations).length ? { annotations } : {}),
          },
          // Our engine alerts as soon as both windows burn, so there is no alertAfter.
          spec: {
            severity: terms.severity,
            condition: {
              kind: 'burnrate',
              op: 'gt',
              threshold: terms.burnRate,
              lookbackWindow: terms.longWindow,
            },
          },
        },
      ],
    },
  };
}
