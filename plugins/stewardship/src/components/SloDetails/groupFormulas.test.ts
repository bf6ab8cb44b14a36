import { groupFormulas } from './groupFormulas';
import { evaluation, noDataEvaluation } from './__fixtures__';

describe('groupFormulas', () => {
  it('puts each backend line, unchanged, in exactly one group', () => {
    const groups = groupFormulas(evaluation);
    const all = [
      ...groups.sli,
      ...groups.budget,
      ...groups.burnRates,
      ...groups.status,
    ];
    expect([...all].sort()).toEqual(
      [...evaluation.explanation.formulas].sort(),
    );

    const f = evaluation.explanation.formulas;
    // The bad/total SLI's derived good sits with the SLI it feeds.
    expect(f[1]).toMatch(/^good = total − bad = /);
    expect(groups.sli).toEqual([f[0], f[1], f[2]]);
    expect(groups.budget).toEqual([f[3], f[4], f[5], f[6], f[18]]);
    expect(groups.burnRates).toEqual(f.slice(7, 18));
    expect(groups.status).toEqual(['status = at-risk']);
  });

  it('keeps the no-data reason under status', () => {
    const groups = groupFormulas(noDataEvaluation);
    expect(groups.sli).toEqual([noDataEvaluation.explanation.formulas[0]]);
    expect(groups.status).toEqual([
      'no data (source-error): prometheus answered 503 Service Unavailable',
    ]);
  });
});
