/*
 * Budget-terms alert policies of a calendar SLO are checked at save against its longest month or
 * quarter, daylight saving hours included: a policy valid then cannot become invalid (and its SLO
 * unevaluable) in the month the clocks go back.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { SloSpec } from '@stewardship/backstage-plugin-stewardship-common';
import { SloStore } from '../database/SloStore';
import { sloServiceForTest } from '../__testUtils__/sloService';

/** A store that only records creates: the check under test runs before any write. */
function recordingStore() {
  const created: SloSpec[] = [];
  const store = {
    createSlo: async (spec: SloSpec) => {
      created.push(spec);
      return { ...spec, id: 'slo-1', version: 1 };
    },
  } as unknown as SloStore;
  return { store, created };
}

/** A monthly SLO at 96 %: every event failing burns at 1 / 0.04 = 25, the highest threshold. */
const monthly = (timeZone: string, budgetPercent: number) => ({
  entityRef: 'component:default/checkout',
  name: 'availability',
  sli: { type: 'ratio', good: 'ok_total', total: 'all_total' },
  objective: 0.96,
  timeWindow: { type: 'calendar', unit: 'month', timeZone },
  metricSource: 'prom',
  alertPolicies: [{ severity: 'page', budgetPercent, within: '1h' }],
});

async function create(body: unknown) {
  const { store, created } = recordingStore();
  const error = await sloServiceForTest(store)
    .create(body, mockCredentials.user())
    .then(
      () => undefined,
      (e: Error) => e,
    );
  return { error, created };
}

describe('SloService checking budget-terms alert policies of a calendar SLO', () => {
  it('refuses a threshold only a 31-day month without its extra hour allows', async () => {
    // 3.36 % within 1 h: 0.0336 × 744 h = 24.998 ≤ 25, but October in Berlin has 745 h:
    // 0.0336 × 745 = 25.03 > 25, a threshold no burn rate reaches.
    const { error, created } = await create(monthly('Europe/Berlin', 3.36));
    expect(error).toBeInstanceOf(InputError);
    expect(error?.message).toMatch(/alertPolicies\[0\]/);
    expect(created).toEqual([]);
  });

  it('counts the two hours Antarctica/Troll gains when its clocks go back', async () => {
    // 0.03353 × 745 h = 24.98, but × 746 h (October in Troll) = 25.01 > 25.
    const { error, created } = await create(monthly('Antarctica/Troll', 3.353));
    expect(error).toBeInstanceOf(InputError);
    expect(error?.message).toMatch(/alertPolicies\[0\]/);
    expect(created).toEqual([]);
  });

  it("measures the longest month in the SLO's own zone", async () => {
    // 0.03353 × 745 h (October in Berlin) = 24.98 ≤ 25: valid all year in Berlin, though not in Troll.
    const berlin = await create(monthly('Europe/Berlin', 3.353));
    expect(berlin.error).toBeUndefined();
    expect(berlin.created).toHaveLength(1);
    // 0.0336 × 744 h = 24.998 ≤ 25: no month in UTC is longer than 31 days.
    const utc = await create(monthly('UTC', 3.36));
    expect(utc.error).toBeUndefined();
    expect(utc.created).toHaveLength(1);
  });

  it('saves a policy that holds in the longest month', async () => {
    // 0.0335 × 746 h (October in Troll) = 24.99 ≤ 25.
    const { error, created } = await create(monthly('Antarctica/Troll', 3.35));
    expect(error).toBeUndefined();
    expect(created).toHaveLength(1);
  });
});
