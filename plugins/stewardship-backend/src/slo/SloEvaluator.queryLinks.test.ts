import {
  EventCountsRequest,
  MetricSource,
  MetricSourceQueryLinkOptions,
} from '@stewardship/backstage-plugin-stewardship-node';
import { SloEvaluator } from './SloEvaluator';
import { apiSloDefinition } from '../__testUtils__/sloSpecs';

const slo = apiSloDefinition('fake');
const at = new Date('2026-11-20T12:00:00Z');
const HOUR = 3_600_000;

/** A source whose query text names its window, recording what each link was asked for. */
function fakeSource(options: {
  byWindow: boolean;
  link?: (query: string) => string;
}) {
  const linked: MetricSourceQueryLinkOptions[] = [];
  const source: MetricSource = {
    async countEvents(request: EventCountsRequest) {
      const counts: Record<string, Record<string, number>> = {};
      const queriesByWindow: Record<string, string[]> = {};
      for (const window of request.windows) {
        counts[window.key] = { good: 999, total: 1000 };
        queriesByWindow[window.key] = Object.values(request.queries).map(
          q => `${q}[${window.key}]`,
        );
      }
      return {
        counts,
        issuedQueries: Object.values(queriesByWindow).flat(),
        ...(options.byWindow && { queriesByWindow }),
      };
    },
    async countEventsPerSlice() {
      throw new Error('not used');
    },
    queryLink(link) {
      linked.push(link);
      return (
        options.link?.(link.query) ??
        `https://source.example/?q=${encodeURIComponent(link.query)}`
      );
    },
  };
  return { source, linked };
}

describe('SloEvaluator.withQueryLinks', () => {
  it("asks for each query's link with the start of the window it counted", async () => {
    const { source, linked } = fakeSource({ byWindow: true });
    const evaluator = new SloEvaluator(new Map([['fake', source]]), {
      queryTimeoutMs: 1000,
    });
    const evaluation = evaluator.withQueryLinks(
      slo,
      await evaluator.evaluate(slo, at),
    );

    const startOf = Object.fromEntries(
      linked.map(l => [l.query, l.start.getTime()]),
    );
    expect(startOf['ok_total[slo]']).toBe(at.getTime() - 30 * 24 * HOUR);
    expect(startOf['all_total[1h]']).toBe(at.getTime() - HOUR);
    expect(startOf['ok_total[5m]']).toBe(at.getTime() - 5 * 60_000);
    expect(startOf['ok_total[3d]']).toBe(at.getTime() - 72 * HOUR);
    expect(linked.every(l => l.end.getTime() === at.getTime())).toBe(true);
    expect(Object.keys(evaluation.explanation.queryLinks!).sort()).toEqual(
      [...evaluation.explanation.queries].sort(),
    );
  });

  it("falls back to the SLO window's start when the source did not say which query counted what", async () => {
    const { source, linked } = fakeSource({ byWindow: false });
    const evaluator = new SloEvaluator(new Map([['fake', source]]), {
      queryTimeoutMs: 1000,
    });
    evaluator.withQueryLinks(slo, await evaluator.evaluate(slo, at));

    expect(linked.length).toBeGreaterThan(2);
    expect(new Set(linked.map(l => l.start.getTime() - at.getTime()))).toEqual(
      new Set([-30 * 24 * HOUR]),
    );
  });

  it('passes on only http(s) links, whatever a source builds', async () => {
    const hostile = [
      // eslint-disable-next-line no-script-url -- refusing it is the point
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      '//evil.example/x',
      'https://user:pw@source.example/',
    ];
    let asked = 0;
    const { source } = fakeSource({
      byWindow: true,
      // The first query gets a good link, the others one of the hostile strings in turn.
      link: query =>
        asked++ === 0
          ? `https://source.example/?q=${encodeURIComponent(query)}`
          : hostile[(asked - 2) % hostile.length],
    });
    const evaluator = new SloEvaluator(new Map([['fake', source]]), {
      queryTimeoutMs: 1000,
    });
    const evaluation = evaluator.withQueryLinks(
      slo,
      await evaluator.evaluate(slo, at),
    );

    expect(asked).toBeGreaterThan(hostile.length);
    expect(Object.values(evaluation.explanation.queryLinks!)).toEqual([
      `https://source.example/?q=${encodeURIComponent(
        evaluation.explanation.queries[0],
      )}`,
    ]);
  });
});
