import { Config } from '@backstage/config';
import {
  MetricSourceHealth,
  MetricSourceSummary,
  compareText,
} from '@stewardship/backstage-plugin-stewardship-common';
import { MetricSource } from '@stewardship/backstage-plugin-stewardship-node';

interface CachedProbe {
  /** When the probe started: its result is kept for `ttlMs` from then. */
  startedAt: number;
  result: Promise<MetricSourceHealth>;
}

/** How long a probe's result is kept: page views within it never reach the source. */
export const DEFAULT_HEALTH_TTL_MS = 30_000;
/** The probe's own deadline: health must answer fast even when a source hangs. */
export const DEFAULT_PROBE_TIMEOUT_MS = 3_000;

/**
 * The configured metric sources with their health, for choosing a source in the SLO form.
 *
 * Each source's `checkHealth` probe runs at most once per `ttlMs` (the pending promise is cached,
 * so concurrent page views share one probe) and never longer than `probeTimeoutMs`; a source
 * without `checkHealth` is `unknown`. Probes of different sources run in parallel and one hanging
 * source never delays the others beyond the deadline.
 */
export class MetricSourceHealthService {
  /** The sources of `readMetricSources`, with their types read from the same config. */
  static fromConfig(
    config: Config,
    sources: ReadonlyMap<string, MetricSource>,
    options?: { ttlMs?: number; probeTimeoutMs?: number },
  ): MetricSourceHealthService {
    const sourcesConfig = config.getOptionalConfig('stewardship.metricSources');
    return new MetricSourceHealthService(
      [...sources].map(([name, source]) => ({
        name,
        type: sourcesConfig?.getString(`${name}.type`) ?? 'unknown',
        source,
      })),
      options,
    );
  }

  private readonly cache = new Map<string, CachedProbe>();
  private readonly ttlMs: number;
  private readonly probeTimeoutMs: number;
  private readonly now: () => number;

  constructor(
    private readonly sources: ReadonlyArray<{
      name: string;
      type: string;
      source: MetricSource;
    }>,
    options?: { ttlMs?: number; probeTimeoutMs?: number; now?: () => number },
  ) {
    this.ttlMs = options?.ttlMs ?? DEFAULT_HEALTH_TTL_MS;
    this.probeTimeoutMs = options?.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
    this.now = options?.now ?? Date.now;
  }

  /** Every configured source, ordered by name. */
  async list(): Promise<MetricSourceSummary[]> {
    const sorted = [...this.sources].sort((a, b) =>
      compareText(a.name, b.name),
    );
    return Promise.all(
      sorted.map(async ({ name, type, source }) => ({
        name,
        type,
        health: await this.health(name, source),
      })),
    );
  }

  private health(name: string, source: MetricSource) {
    if (!source.checkHealth) {
      return Promise.resolve<MetricSourceHealth>({
        status: 'unknown',
        reason: `Sources of this type cannot be probed`,
      });
    }
    const now = this.now();
    const cached = this.cache.get(name);
    if (cached && now - cached.startedAt < this.ttlMs) {
      return cached.result;
    }
    const result = this.probe(source);
    this.cache.set(name, { startedAt: now, result });
    return result;
  }

  private async probe(source: MetricSource): Promise<MetricSourceHealth> {
    const signal = AbortSignal.timeout(this.probeTimeoutMs);
    let timer: NodeJS.Timeout | undefined;
    // A source that ignores the signal must not hold the page up either.
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(new Error(`no answer within ${this.probeTimeoutMs / 1000}s`)),
        this.probeTimeoutMs + 100,
      );
    });
    try {
      await Promise.race([source.checkHealth!({ signal }), deadline]);
      return { status: 'ok', checkedAt: new Date(this.now()).toISOString() };
    } catch (error) {
      return {
        status: 'down',
        reason:
          error instanceof Error && error.message
            ? error.message
            : String(error),
        checkedAt: new Date(this.now()).toISOString(),
      };
    } finally {
      clearTimeout(timer);
    }
  }
}
