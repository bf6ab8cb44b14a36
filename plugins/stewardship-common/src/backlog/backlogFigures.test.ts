import { BacklogFigureInput, computeBacklogFigures } from './backlogFigures';
import { mergeBacklogItems } from './mergeBacklogItems';
import { BacklogItem } from './types';

const now = new Date('2026-06-01T00:00:00Z');
const DAY = 86_400_000;
/** An item created `ageDays` days before `now`. */
const item = (
  ageDays: number,
  fields: Partial<BacklogFigureInput> = {},
): BacklogFigureInput => ({
  createdAt: new Date(now.getTime() - ageDays * DAY).toISOString(),
  priority: 'Medium',
  awaitingTriage: false,
  reliability: false,
  ...fields,
});

describe('computeBacklogFigures', () => {
  // In ranked order. The top 4 are the first four.
  const items = [
    item(10, { priority: 'High', reliability: true }),
    item(50, { priority: undefined }), // untriaged: no priority
    item(100, { priority: 'Low', awaitingTriage: true }), // untriaged: status
    item(200, { reliability: true }),
    item(30), // on a bucket edge: (0, 30]
    item(90), // (30, 90]
    item(180), // (90, 180], not older than 180
    item(400, { priority: undefined }), // untriaged
    item(-1), // created a day after now: age 0
  ];

  it('computes the top-N figures by hand', () => {
    const { top } = computeBacklogFigures(items, { now, topN: 4 });
    // Top 4 ages 10, 50, 100, 200: sum 360, average 360 / 4 = 90, which is not < 90.
    // Sorted 10, 50, 100, 200: median (50 + 100) / 2 = 75. Reliable: the 1st and 4th, 2 / 4.
    expect(top).toEqual({
      n: 4,
      count: 4,
      averageAgeDays: 90,
      medianAgeDays: 75,
      ageTargetDays: 90,
      meetsAgeTarget: false,
      reliabilityCount: 2,
      reliabilityShare: 0.5,
    });
  });

  it('computes the figures over all open items by hand', () => {
    const { all, formulas } = computeBacklogFigures(items, { now, topN: 4 });
    // Ages 10, 50, 100, 200, 30, 90, 180, 400, 0:
    //   (0, 30]  incl. 0: 10, 30, 0    → 3
    //   (30, 90]:        50, 90        → 2
    //   (90, 180]:       100, 180      → 2
    //   > 180:           200, 400      → 2   (3 + 2 + 2 + 2 = 9 items)
    // Untriaged: the 50-day (no priority), 100-day (awaiting) and 400-day (no priority) ones: 3.
    expect(all.count).toBe(9);
    expect(all.ageHistogram.map(b => [b.label, b.count])).toEqual([
      ['0–30', 3],
      ['30–90', 2],
      ['90–180', 2],
      ['> 180', 2],
    ]);
    expect(all.olderThan180Days).toBe(2);
    expect(all.untriaged).toBe(3);
    expect(formulas).toContain(
      'average age of the top 4 = (10.0 + 50.0 + 100.0 + 200.0) / 4 = 90.0 days (target < 90)',
    );
    expect(formulas).toContain('reliability share = 2 / 4 = 50 %');
  });

  it('writes ages, the median and the average in the formulas as the Backlog tab does', () => {
    // Ages 80 and 99.92: sum 179.92, average 89.96, which meets the target (below 90). The tab
    // writes it rounded down, 89.9 (the nearest tenth, 90.0, would read as missing it); each
    // age and the median (also 89.96) to the nearest tenth: 80.0, 99.9 and 90.0.
    const meets = computeBacklogFigures([item(80), item(99.92)], { now });
    expect(meets.top.meetsAgeTarget).toBe(true);
    expect(meets.formulas).toContain(
      'average age of the top 2 = (80.0 + 99.9) / 2 = 89.9 days (target < 90)',
    );
    expect(meets.formulas).toContain('median age of the top 2 = 90.0 days');

    // Ages 80 and 100.08: average 90.04 misses the target: to the nearest tenth, 90.0.
    const misses = computeBacklogFigures([item(80), item(100.08)], { now });
    expect(misses.top.meetsAgeTarget).toBe(false);
    expect(misses.formulas).toContain(
      'average age of the top 2 = (80.0 + 100.1) / 2 = 90.0 days (target < 90)',
    );

    // Two ages of 180.04 days: over 180, so never 180.0 (the nearest tenth): 180.1 each, as
    // their average and median.
    const old = computeBacklogFigures([item(180.04), item(180.04)], { now });
    expect(old.formulas).toContain(
      'average age of the top 2 = (180.1 + 180.1) / 2 = 180.1 days (target < 90)',
    );
    expect(old.formulas).toContain('median age of the top 2 = 180.1 days');
  });

  it('writes up to ten ages one by one: ten still are', () => {
    // Ten ages of 5 days: listed, 5.0 ten times; sum 50, average 50 / 10 = 5.0 (meets the target).
    const { formulas } = computeBacklogFigures(
      Array.from({ length: 10 }, () => item(5)),
      { now },
    );
    expect(formulas).toContain(
      `average age of the top 10 = (${Array(10)
        .fill('5.0')
        .join(' + ')}) / 10 = 5.0 days (target < 90)`,
    );
  });

  it('counts the reliability items among the top N only', () => {
    // Top 2 of four: the 1-day item (not reliability) and the 2-day one (reliability): 1 / 2;
    // the reliability items ranked 3rd and 4th are not in the top 2.
    const { top, formulas } = computeBacklogFigures(
      [
        item(1),
        item(2, { reliability: true }),
        item(3, { reliability: true }),
        item(4, { reliability: true }),
      ],
      { now, topN: 2 },
    );
    expect(top.reliabilityCount).toBe(1);
    expect(top.reliabilityShare).toBe(0.5);
    expect(formulas).toContain('reliability share = 1 / 2 = 50 %');
  });

  it('writes the sum of more than ten ages to the nearest tenth', () => {
    // Eleven ages of 16.364 days: sum 180.004, to the nearest tenth 180.0 (a sum, not an age
    // over 180); average 16.364 meets the target, rounded down: 16.3.
    const { formulas } = computeBacklogFigures(
      Array.from({ length: 11 }, () => item(16.364)),
      { now },
    );
    expect(formulas).toContain(
      'average age of the top 11 = (180.0 (sum of 11 ages)) / 11 = 16.3 days (target < 90)',
    );
  });

  it('writes the reliability share in its formula as the tab does, never 100 % unless all', () => {
    // 1,999 reliability items among the top 2,000: 1,999 / 2,000 = 0.9995 = 99.95 %, which one
    // decimal would round to 100.0 %: it takes the second decimal instead.
    const many = [
      item(1),
      ...Array.from({ length: 1999 }, () => item(2, { reliability: true })),
    ];
    const { top, formulas } = computeBacklogFigures(many, { now, topN: 2000 });
    expect(top.reliabilityShare).toBe(0.9995);
    expect(formulas).toContain('reliability share = 1999 / 2000 = 99.95 %');
  });

  it('takes the default N of 20 and an odd count', () => {
    const { top } = computeBacklogFigures(
      [item(1), item(2, { reliability: true }), item(4)],
      { now },
    );
    // (1 + 2 + 4) / 3 = 7 / 3 days; median of 1, 2, 4 is 2; share 1 / 3.
    expect(top.n).toBe(20);
    expect(top.count).toBe(3);
    expect(top.averageAgeDays).toBeCloseTo(7 / 3, 12);
    expect(top.medianAgeDays).toBeCloseTo(2, 12);
    expect(top.meetsAgeTarget).toBe(true);
    expect(top.reliabilityShare).toBeCloseTo(1 / 3, 12);
  });

  it('has no average, median or share without items, never 0', () => {
    const figures = computeBacklogFigures([], { now });
    expect(figures.top).toEqual({
      n: 20,
      count: 0,
      ageTargetDays: 90,
      reliabilityCount: 0,
    });
    expect(figures.all).toMatchObject({
      count: 0,
      olderThan180Days: 0,
      untriaged: 0,
    });
  });
});

describe('mergeBacklogItems', () => {
  const ranked = (provider: string, rank: number): BacklogItem => ({
    id: `${provider}:${rank}`,
    provider,
    key: String(rank),
    title: '',
    type: 'issue',
    labels: [],
    rank,
    createdAt: now.toISOString(),
    status: 'open',
    awaitingTriage: false,
    reliability: false,
  });

  it('takes every rank 1 first, equal ranks in list order', () => {
    const merged = mergeBacklogItems([
      [ranked('slos', 1)],
      [ranked('jira', 1), ranked('jira', 2), ranked('jira', 3)],
      [ranked('github', 1), ranked('github', 2)],
    ]);
    expect(merged.map(i => i.id)).toEqual([
      'slos:1',
      'jira:1',
      'github:1',
      'jira:2',
      'github:2',
      'jira:3',
    ]);
  });
});
