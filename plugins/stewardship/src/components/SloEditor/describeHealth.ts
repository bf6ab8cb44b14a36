import { MetricSourceHealth, MetricSourceSummary } from '../../api';

/** A source's health in words, never by colour alone: `up`, `down: <reason>`, `health unknown`. */
export function describeHealth(health: MetricSourceHealth): string {
  switch (health.status) {
    case 'ok':
      return 'up';
    case 'down':
      return `down: ${health.reason}`;
    default:
      return 'health unknown';
  }
}

/** `main (prometheus) — up`, the text of one option of the source picker. */
export function describeSource(source: MetricSourceSummary): string {
  const word = source.health.status === 'ok' ? 'up' : source.health.status;
  return `${source.name} (${source.type}) — ${
    word === 'unknown' ? 'health unknown' : word
  }`;
}
