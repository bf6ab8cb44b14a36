import {
  availabilityPromise,
  dependencyCeiling,
  isAvailabilitySlo,
} from './dependencyCeiling';
import type { SliSpec } from './types';

const ratio: SliSpec = {
  type: 'ratio',
  good: 'good',
  total: 'total',
};
const latency: SliSpec = {
  type: 'latency',
  thresholdSeconds: 0.3,
  good: 'bucket',
  total: 'count',
};

describe('dependencyCeiling', () => {
  it('multiplies the objectives (the example of issue 8)', () => {
    // 0.9995 × 0.999 = 0.9985005; × 0.9995 = 0.99800124975; × 0.99 = 0.9880212372525
    expect(dependencyCeiling([0.9995, 0.999, 0.9995, 0.99])).toBeCloseTo(
      0.9880212372525,
      15,
    );
  });

  it('is the objective itself for one dependency, and nothing for none', () => {
    expect(dependencyCeiling([0.999])).toBe(0.999);
    expect(dependencyCeiling([])).toBeUndefined();
  });
});

describe('availabilityPromise', () => {
  it('counts ratio SLOs only', () => {
    expect(isAvailabilitySlo({ sli: ratio })).toBe(true);
    expect(isAvailabilitySlo({ sli: latency })).toBe(false);
    expect(
      availabilityPromise([{ name: 'fast', sli: latency, objective: 0.99 }]),
    ).toBeUndefined();
  });

  it('takes the weakest availability objective', () => {
    const slos = [
      { name: 'api', sli: ratio, objective: 0.999 },
      { name: 'fast', sli: latency, objective: 0.9 },
      { name: 'batch', sli: ratio, objective: 0.995 },
    ];
    expect(availabilityPromise(slos)?.name).toBe('batch');
  });
});
