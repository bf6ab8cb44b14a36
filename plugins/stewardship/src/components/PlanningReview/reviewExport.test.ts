import { reviewCsv, reviewMarkdown, reviewSlosCsv } from './reviewExport';
import { GROUP_REVIEW, REVIEW } from './reviewFixture';

describe('reviewCsv', () => {
  it('writes one line per entity with the figures as numbers', () => {
    const csv = reviewCsv(REVIEW);
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = csv.slice(0, -2).split('\r\n');
    expect(lines[0]).toBe(
      'entity,objectives,slos,lowest_budget_remaining,worst_burn_rate_1h,incidents,incidents_by_severity,mtta_median_seconds,mttr_median_seconds,largest_budget_cost_percent,backlog_average_age_days,backlog_reliability_share,ownership_gaps,above_dependency_ceiling,release_gate,backlog_top_items,backlog,not_applicable,slos_counted_by_own_calendar',
    );
    expect(lines[1]).toBe(
      'component:default/ledger,met,1,0.8,0.5,0,none,,,,,,business not confirmed,,allow,,not read yet: open its Backlog tab,,',
    );
    expect(lines[2]).toBe(
      'component:default/payments-api,missed,1,-0.125,14.4,3,"SEV1: 1, SEV2: 2",900,5400,42.25,45.25,0.25,"product missing, engineering invalid",Availability,block,20,"top 20: average 45.2 d, reliability 25 %",,Availability: from 2026-10-31T23:00:00.000Z to 2026-11-29T23:00:00.000Z',
    );
    expect(lines).toHaveLength(3);
  });

  it('keeps an SLO name a spreadsheet would run as a formula inert', () => {
    const [payments] = REVIEW.rows.filter(
      row => row.entityRef === 'component:default/payments-api',
    );
    const csv = reviewCsv({
      ...REVIEW,
      rows: [{ ...payments, aboveDependencyCeiling: ['=HYPERLINK("x")'] }],
    });
    expect(csv.split('\r\n')[1]).toContain(`,"'=HYPERLINK(""x"")",block,`);
  });
});

describe('reviewMarkdown', () => {
  it('writes the summary and one table row per entity', () => {
    const markdown = reviewMarkdown(REVIEW);
    expect(markdown).toContain(
      '# Planning review: system:default/payment-processing',
    );
    expect(markdown).toContain(
      '- 1 of 2 entities met their objectives (1 missed, 0 without data, 0 without SLOs).',
    );
    expect(markdown).toContain(
      '  - 42.25 % of "Availability" (component:default/payments-api): Card declines',
    );
    // What "met" means, under the count.
    expect(markdown).toContain(
      "- 1 of 2 entities met their objectives (1 missed, 0 without data, 0 without SLOs).\n  Met: every SLO with a budget figure had budget left (≥ 0) at the period's end; the status beside it is its SLOs' worst at the end.\n",
    );
    // The gaps as the scorecard counts them, the unconfirmed role apart.
    expect(markdown).toContain(
      '- Ownership: 2 gaps in 1 of 2 entities (1 missing, 1 invalid); 1 role not confirmed.',
    );
    // payments-api's incident still open: its cost is not among the largest yet.
    expect(markdown).toContain(
      '  - 42.25 % of "Availability" (component:default/payments-api): Card declines\n- Budget costs are counted once an incident is resolved: 1 incident of the period has no cost yet.\n',
    );
    expect(markdown).toContain(
      '| component:default/payments-api | Missed (at the end: exhausted) | -12.5 % | 14.4× | 3 (SEV1: 1, SEV2: 2) | 15 min | 1.5 h | top 20: average 45.2 d, reliability 25 % | product missing, engineering invalid | above ceiling 99.8 %: Availability | block |',
    );
    expect(markdown).toContain(
      '| component:default/ledger | Met (at the end: healthy) | 80 % | 0.5× | 0 (none) | — | — | not read yet: open its Backlog tab | business not confirmed | ok | allow |',
    );
    // The SLO counted over its own (Berlin) month, and over which.
    expect(markdown).toContain(
      '\n\nCalendar SLOs in another time zone are counted over their own month or quarter (their attainment, worst burn and budget at the end):\n\n- component:default/payments-api, Availability: from 2026-10-31T23:00:00.000Z to 2026-11-29T23:00:00.000Z\n',
    );
    expect(reviewMarkdown(GROUP_REVIEW)).not.toContain('Calendar SLOs');
  });

  it('writes titles and names as text, never as links, images or HTML', () => {
    const markdown = reviewMarkdown({
      ...REVIEW,
      summary: {
        ...REVIEW.summary,
        largestBudgetCosts: [
          {
            ...REVIEW.summary.largestBudgetCosts[0],
            incidentTitle:
              '<img src=x onerror=alert(1)> [Open runbook](https://evil.example) ![t](https://evil.example/t.png) | x\r- injected item',
            sloName: '*Availability*',
          },
        ],
      },
    });
    expect(markdown).toContain(
      '  - 42.25 % of "\\*Availability\\*" (component:default/payments-api): \\<img src=x onerror=alert(1)\\> \\[Open runbook\\](https://evil.example) \\!\\[t\\](https://evil.example/t.png) \\| x - injected item',
    );
    expect(markdown).not.toMatch(/^- injected item/m);
  });
});

describe('reviewSlosCsv', () => {
  // payments-api's Availability: 3 of its 4 evaluations had budget left (0.75), overspent by
  // 12.5 % at the end, counted over its own (Berlin) month; ledger's Latency over the period.
  it('writes one line per SLO with its figures as numbers and the range it was counted over', () => {
    const lines = reviewSlosCsv(REVIEW).slice(0, -2).split('\r\n');
    expect(lines).toEqual([
      'entity,slo,objective,attainment,evaluated_snapshots,budget_remaining_at_end,met_at_end,status_at_end,worst_burn_rate_1h,from,to,slo_id',
      'component:default/ledger,Latency,0.99,1,10,0.8,true,healthy,0.5,2026-10-31T00:00:00.000Z,2026-11-30T00:00:00.000Z,s2',
      'component:default/payments-api,Availability,0.999,0.75,4,-0.125,false,exhausted,14.4,2026-10-31T23:00:00.000Z,2026-11-29T23:00:00.000Z,s1',
    ]);
  });

  it('starts an SLO where the kept snapshots start when the backend pruned those before', () => {
    // Kept from 12:00 on the first day: ledger's period start (00:00) is before it, payments-api's
    // Berlin month (from 23:00) is not.
    const fromCells = (snapshotsKeptFrom: string) =>
      reviewSlosCsv({ ...REVIEW, snapshotsKeptFrom })
        .slice(0, -2)
        .split('\r\n')
        .slice(1)
        .map(line => line.split(',')[9]);
    expect(fromCells('2026-10-31T12:00:00.000Z')).toEqual([
      '2026-10-31T12:00:00.000Z',
      '2026-10-31T23:00:00.000Z',
    ]);
    expect(fromCells('2026-11-10T00:00:00.000Z')).toEqual([
      '2026-11-10T00:00:00.000Z',
      '2026-11-10T00:00:00.000Z',
    ]);
  });

  it('leaves the cells of an SLO without figures empty', () => {
    const [ledger] = REVIEW.rows;
    const csv = reviewSlosCsv({
      ...REVIEW,
      rows: [
        {
          ...ledger,
          slos: [
            {
              id: 's3',
              name: 'Errors',
              objective: 0.995,
              evaluatedSnapshots: 0,
            },
          ],
        },
      ],
    });
    expect(csv.split('\r\n')[1]).toBe(
      'component:default/ledger,Errors,0.995,,0,,,,,2026-10-31T00:00:00.000Z,2026-11-30T00:00:00.000Z,s3',
    );
  });

  it('writes no line for an entity without SLOs, and keeps an SLO name inert', () => {
    const [gateway, ...withoutSlos] = GROUP_REVIEW.rows;
    const csv = reviewSlosCsv({
      ...GROUP_REVIEW,
      rows: [
        ...withoutSlos,
        {
          ...gateway,
          slos: [{ ...gateway.slos[0], name: '=HYPERLINK("x")' }],
        },
      ],
    });
    expect(csv.slice(0, -2).split('\r\n').slice(1)).toEqual([
      `component:default/api-gateway,"'=HYPERLINK(""x"")",0.99,1,10,0.8,true,healthy,0.5,2026-10-31T00:00:00.000Z,2026-11-30T00:00:00.000Z,s2`,
    ]);
  });
});

describe('the SLOs in the Markdown', () => {
  it('says from when evaluations are kept when the period starts before', () => {
    const sentence =
      "Evaluations before 2026-11-10T00:00:00.000Z are pruned (the backend's snapshotRetention): the SLO figures count from then.";
    expect(
      reviewMarkdown({
        ...REVIEW,
        snapshotsKeptFrom: '2026-11-10T00:00:00.000Z',
      }).split('\n'),
    ).toContain(sentence);
    expect(reviewMarkdown(REVIEW)).not.toContain('are pruned');
  });

  it('writes one table row per SLO as the SLOs table words it', () => {
    const markdown = reviewMarkdown(REVIEW);
    expect(markdown).toContain(
      [
        '## SLOs',
        '',
        '| Entity | SLO | Objective | Attainment | Budget left at the end | Worst burn (1 h) | Status at the end |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        '| component:default/ledger | Latency | 99 % | 100 % of 10 evaluations | 80 % (met) | 0.5× | healthy |',
        '| component:default/payments-api | Availability | 99.9 % | 75 % of 4 evaluations | -12.5 % (missed) | 14.4× | exhausted |',
        '',
        // The calendar SLOs' ranges right under the table whose figures they qualify.
        'Calendar SLOs in another time zone',
      ].join('\n'),
    );
  });

  it('writes an SLO without figures, a name as text, and a scope without SLOs', () => {
    const [ledger] = REVIEW.rows;
    const markdown = reviewMarkdown({
      ...REVIEW,
      rows: [
        {
          ...ledger,
          slos: [
            {
              id: 's3',
              name: '*Errors*',
              objective: 0.995,
              evaluatedSnapshots: 0,
            },
          ],
        },
      ],
    });
    expect(markdown).toContain(
      '| component:default/ledger | \\*Errors\\* | 99.5 % | no data | — | — | no evaluation in the period |',
    );
    const [, ...withoutSlos] = GROUP_REVIEW.rows;
    expect(reviewMarkdown({ ...GROUP_REVIEW, rows: withoutSlos })).toContain(
      '## SLOs\n\nNo SLOs in this scope.\n',
    );
  });
});

describe('a review longer than a page on screen', () => {
  // The tables show 20 rows a page; the downloads are the whole review.
  const rows = Array.from({ length: 45 }, (_, i) => ({
    ...REVIEW.rows[0],
    entityRef: `component:default/e${i + 1}`,
  }));
  const long = { ...REVIEW, rows };

  it('writes every entity to the CSV, in order', () => {
    const lines = reviewCsv(long).slice(0, -2).split('\r\n').slice(1);
    expect(lines.map(line => line.split(',')[0])).toEqual(
      rows.map(row => row.entityRef),
    );
  });

  it('writes every entity to the Markdown, in order', () => {
    // The entities' table, not the SLOs' below it (whose rows start with the entity too).
    const entitiesTable = reviewMarkdown(long)
      .split('\n## SLOs\n')[0]
      .split('\n## Entities\n')[1];
    const entityLines = entitiesTable
      .split('\n')
      .filter(line => line.startsWith('| component:'));
    expect(entityLines.map(line => line.split(' | ')[0].slice(2))).toEqual(
      rows.map(row => row.entityRef),
    );
  });
});

describe('a group review of several kinds', () => {
  it('writes n/a in the coded columns where SLOs do not apply, and why in the last column', () => {
    const lines = reviewCsv(GROUP_REVIEW).slice(0, -2).split('\r\n');
    expect(lines[0].split(',').slice(-3)).toEqual([
      'backlog',
      'not_applicable',
      'slos_counted_by_own_calendar',
    ]);
    expect(lines.slice(1)).toEqual([
      'component:default/api-gateway,met,1,0.8,0.5,0,none,,,,,,none,,allow,,not read yet: open its Backlog tab,,',
      // A system can have SLOs: it has none, and the gate of no SLOs is the policy's.
      'system:default/platform-core,no-slos,0,,,0,none,,,,,,none,,allow,,not read yet: open its Backlog tab,,',
      'domain:default/platform,n/a,0,,,0,none,,,,,,none,,n/a,,not read (a domain has a Backlog tab only when it names a tracker),a domain has no SLOs,',
      'resource:default/artifact-bucket,n/a,0,,,0,none,,,,,,none,,n/a,0,no open items,a resource has no SLOs,',
      'group:default/sre,n/a,0,,,0,none,,,,,,not evaluated,,n/a,,not read (a group has a Backlog tab only when it names a tracker),a group has no SLOs,',
    ]);
    // The columns stay the header's.
    for (const line of lines) expect(line.split(',')).toHaveLength(19);
  });

  it('counts the kinds without SLOs apart in the Markdown summary', () => {
    const markdown = reviewMarkdown(GROUP_REVIEW);
    // Of 5 entities, the component and the system can have SLOs; the domain, the resource and
    // the group are counted apart (the backend's notApplicable), in no gate count.
    expect(markdown).toContain(
      '- 1 of 2 entities met their objectives (0 missed, 0 without data, 1 without SLOs); 3 entities cannot have SLOs (domain, resource, group).\n',
    );
    expect(markdown).toContain(
      '- Release gate at the end: 2 allow, 0 warn, 0 block.\n',
    );
    expect(markdown).toContain(
      '| domain:default/platform | — (a domain has no SLOs) | — | — | 0 (none) | — | — | not read (a domain has a Backlog tab only when it names a tracker) | none | — (a domain has no SLOs) | — (a domain has no SLOs) |',
    );
  });
});
