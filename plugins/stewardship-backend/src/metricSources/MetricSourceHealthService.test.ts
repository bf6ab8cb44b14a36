import { MetricSource } from '@stewardship/backstage-plugin-stewardship-node';
import { MetricSourceHealthService } from './MetricSourceHealthService';

/** A source whose probe is counted, and fails while `failing` is set. */
function countedSource() {
  const state = { probes: 0, failing: false, hang: false };
  const source: MetricSource = {
    countEvents: async () => ({ counts: {}, issuedQueries: [] }),
    countEventsPerSlice: async () => ({ slices: [], issuedQueries: [] }),
    checkHealth: async () => {
      state.probes++;
      if (state.hang) await new Promise(() => {});
      if (state.failing) throw new Error('HTTP 503 Service Unavailable');
    },
  };
  return { state, source };
}

describe('MetricSourceHealthService', () => {
  it('probes once per TTL, concurrent callers sharing one probe, then again after it', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const { state, source } = countedSource();
    const service = new MetricSourceHealthService(
      [{ name: 'a', type: 'prometheus', source }],
      { ttlMs: 30_000, now: () => now },
    );

    const [first, concurrent] = await Promise.all([
      service.list(),
      service.list(),
    ]);
    expect(state.probes).toBe(1);
    expect(first).toEqual([
      {
        name: 'a',
        type: 'prometheus',
        health: { status: 'ok', checkedAt: '2026-01-01T00:00:00.000Z' },
      },
    ]);
    expect(concurrent).toEqual(first);

    state.failing = true;
    now += 29_999;
    expect((await service.list())[0].health.status).toBe('ok');
    expect(state.probes).toBe(1);

    now += 1;
    expect((await service.list())[0].health).toEqual({
      status: 'down',
      reason: 'HTTP 503 Service Unavailable',
      checkedAt: '2026-01-01T00:00:30.000Z',
    });
    expect(state.probes).toBe(2);
  });

  it('reports a probe that ignores its signal as down at the deadline', async () => {
    const { state, source } = countedSource();
    state.hang = true;
    const service = new MetricSourceHealthService(
      [{ name: 'a', type: 'x', source }],
      { probeTimeoutMs: 200 },
    );
    const started = Date.now();
    const [{ health }] = await service.list();
    expect(health).toMatchObject({
      status: 'down',
      reason: 'no answer within 0.2s',
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
