/** A minimal OpenSLO v1 SLO document (a ratio SLI on Prometheus), for import tests. */
export function minimalOpenSlo(options: {
  name: string;
  service: string;
  good: string;
  total: string;
  target?: number;
}): string {
  return [
    'apiVersion: openslo/v1',
    'kind: SLO',
    `metadata: { name: ${options.name} }`,
    'spec:',
    `  service: ${options.service}`,
    '  budgetingMethod: Occurrences',
    '  timeWindow: [{ duration: 30d, isRolling: true }]',
    '  indicator:',
    '    metadata: { name: ok }',
    '    spec:',
    '      ratioMetric:',
    `        good: { metricSource: { type: Prometheus, spec: { query: ${JSON.stringify(
      options.good,
    )} } } }`,
    `        total: { metricSource: { type: Prometheus, spec: { query: ${JSON.stringify(
      options.total,
    )} } } }`,
    `  objectives: [{ target: ${options.target ?? 0.99} }]`,
  ].join('\n');
}
