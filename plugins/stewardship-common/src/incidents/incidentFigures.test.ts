import {
  IncidentFigureInput,
  medianOf,
  summarizeIncidents,
} from './incidentFigures';

/** 2026-09-10 at hh:mm:ss UTC. */
const at = (hh: number, mm: number, ss = 0) =>
  new Date(Date.UTC(2026, 8, 10, hh, mm, ss)).toISOString();

const period = {
  from: new Date('2026-08-01T00:00:00Z'),
  to: new Date('2026-10-30T00:00:00Z'),
};

const incident = (
  fields: Partial<IncidentFigureInput> &
    Pick<IncidentFigureInput, 'detectedAt'>,
): IncidentFigureInput => ({
  severity: 'SEV1',
  status: 'resolved',
  fireDrill: false,
  ...fields,
});

const incidents: IncidentFigureInput[] = [
  // A: SEV1, every moment. MTTD 5 min, MTTA 2 min, MTTM 30 min, MTTR 60 min.
  incident({
    startedAt: at(10, 0),
    detectedAt: at(10, 5),
    acknowledgedAt: at(10, 7),
    mitigatedAt: at(10, 35),
    resolvedAt: at(11, 5),
  }),
  // B: SEV1, onset unknown. MTTA 10 min, MTTM 20 min, MTTR 2 h.
  incident({
    detectedAt: at(12, 0),
    acknowledgedAt: at(12, 10),
    mitigatedAt: at(12, 20),
    resolvedAt: at(14, 0),
  }),
  // C: SEV1, resolved without acknowledgement or mitigation. MTTD 2 min, MTTR 10 min.
  incident({
    startedAt: at(8, 0),
    detectedAt: at(8, 2),
    resolvedAt: at(8, 12),
  }),
  // D: SEV1, still open (acknowledged). MTTA 1 min; no end for MTTM or MTTR.
  incident({
    status: 'acknowledged',
    detectedAt: at(9, 0),
    acknowledgedAt: at(9, 1),
  }),
  // E: SEV2, still open (triggered): counts, in no duration.
  incident({ severity: 'SEV2', status: 'triggered', detectedAt: at(15, 0) }),
  // F: a SEV1 fire drill. MTTA 30 s, MTTR 15 min.
  incident({
    fireDrill: true,
    detectedAt: at(0, 0),
    acknowledgedAt: at(0, 0, 30),
    resolvedAt: at(0, 15),
  }),
  // G: SEV1 detected a second before the period: left out.
  incident({
    detectedAt: '2026-07-31T23:59:59.000Z',
    acknowledgedAt: '2026-08-01T00:10:00.000Z',
    resolvedAt: '2026-08-01T01:00:00.000Z',
  }),
  // H: SEV3 detected exactly at `from`: in. MTTR 100 s.
  incident({
    severity: 'SEV3',
    detectedAt: '2026-08-01T00:00:00.000Z',
    resolvedAt: '2026-08-01T00:01:40.000Z',
  }),
  // I: SEV3 detected exactly at `to`: out (the period is half-open).
  incident({
    severity: 'SEV3',
    detectedAt: '2026-10-30T00:00:00.000Z',
    resolvedAt: '2026-10-30T00:01:40.000Z',
  }),
];

describe('summarizeIncidents', () => {
  const figures = summarizeIncidents(incidents, period);
  const sev = (severity: string) =>
    figures.incidents.bySeverity.find(s => s.severity === severity)!;

  it('counts the real incidents detected in [from, to), open ones included', () => {
    // A, B, C, D (SEV1), E (SEV2), H (SEV3); F is a fire drill, G and I are outside.
    expect(figures.incidents.all.count).toBe(6);
    expect(figures.incidents.all.open).toBe(2); // D and E
    expect(sev('SEV1')).toMatchObject({ count: 4, open: 1 });
    expect(sev('SEV2')).toMatchObject({ count: 1, open: 1 });
    expect(sev('SEV3')).toMatchObject({ count: 1, open: 0 });
    expect(sev('SEV4')).toMatchObject({ count: 0, open: 0 });
    expect(figures.incidents.bySeverity.map(s => s.severity)).toEqual([
      'SEV1',
      'SEV2',
      'SEV3',
      'SEV4',
      'SEV5',
    ]);
  });

  it('computes SEV1 medians and means over the incidents that have both moments', () => {
    const sev1 = sev('SEV1');
    // MTTA: A 120 s, B 600 s, D 60 s (C was never acknowledged).
    // sorted 60, 120, 600 → median 120; mean (120 + 600 + 60) / 3 = 780 / 3 = 260.
    expect(sev1.mtta).toEqual({
      n: 3,
      medianSeconds: 120,
      meanSeconds: 260,
      formula: 'MTTA = acknowledgedAt − detectedAt',
    });
    // MTTM: A 1800 s, B 1200 s → median (1200 + 1800) / 2 = 1500; mean 3000 / 2 = 1500.
    expect(sev1.mttm).toMatchObject({
      n: 2,
      medianSeconds: 1500,
      meanSeconds: 1500,
    });
    // MTTR: A 3600 s, B 7200 s, C 600 s (D is open).
    // sorted 600, 3600, 7200 → median 3600; mean 11400 / 3 = 3800.
    expect(sev1.mttr).toMatchObject({
      n: 3,
      medianSeconds: 3600,
      meanSeconds: 3800,
    });
    // MTTD: A 300 s, C 120 s (B and D have no startedAt) → median = mean = 420 / 2 = 210.
    expect(sev1.mttd).toMatchObject({
      n: 2,
      medianSeconds: 210,
      meanSeconds: 210,
    });
  });

  it('leaves a figure without incidents empty, never 0', () => {
    // E is open and unacknowledged: it counts, but in no duration.
    expect(sev('SEV2').mtta).toEqual({
      n: 0,
      formula: 'MTTA = acknowledgedAt − detectedAt',
    });
    expect(sev('SEV2').mttr.n).toBe(0);
    expect(sev('SEV2').mttr.medianSeconds).toBeUndefined();
    expect(sev('SEV5').mttd).toMatchObject({ n: 0 });
  });

  it('computes the all-severity figures over the same incidents', () => {
    // MTTR: A 3600, B 7200, C 600, H 100 → sorted 100, 600, 3600, 7200;
    // median (600 + 3600) / 2 = 2100; mean 11500 / 4 = 2875.
    expect(figures.incidents.all.mttr).toMatchObject({
      n: 4,
      medianSeconds: 2100,
      meanSeconds: 2875,
    });
    // MTTA: only SEV1 incidents were acknowledged, so as for SEV1: median 120, mean 260.
    expect(figures.incidents.all.mtta).toMatchObject({
      n: 3,
      medianSeconds: 120,
      meanSeconds: 260,
    });
  });

  it('reports fire drills apart and never mixes them into real incidents', () => {
    // F only: MTTA 30 s, MTTR 900 s.
    expect(figures.fireDrills.all).toMatchObject({
      count: 1,
      open: 0,
      mtta: { n: 1, medianSeconds: 30, meanSeconds: 30 },
      mttr: { n: 1, medianSeconds: 900, meanSeconds: 900 },
      mttd: { n: 0 },
    });
    expect(
      figures.fireDrills.bySeverity.find(s => s.severity === 'SEV1')!.count,
    ).toBe(1);
    // Had F been counted, SEV1 MTTA would have four values; it has three (above).
    expect(sev('SEV1').mtta.n).toBe(3);
  });

  it('says which period it covers and how incidents are chosen', () => {
    expect(figures.from).toBe('2026-08-01T00:00:00.000Z');
    expect(figures.to).toBe('2026-10-30T00:00:00.000Z');
    expect(figures.selection).toBe('incidents with from ≤ detectedAt < to');
  });
});

describe('summarizeIncidents as of a moment', () => {
  it('counts the incidents as they stood at `to`: resolved later is open then', () => {
    // To 10 Sep 10:40: A (detected 10:05, acknowledged 10:07, mitigated 10:35, resolved 11:05),
    // C (8:02, resolved 8:12), D (9:00, acknowledged 9:01, open) and H (1 Aug, resolved) are
    // detected in the period; B (12:00) and E (15:00) are not yet. A was resolved after 10:40:
    // open then, and not in MTTR.
    const figures = summarizeIncidents(incidents, {
      from: period.from,
      to: new Date(at(10, 40)),
    }).incidents.all;
    expect(figures.count).toBe(4);
    expect(figures.open).toBe(2); // A and D
    // MTTR: C 600 s, H 100 s → median (100 + 600) / 2 = 350, mean 700 / 2 = 350.
    expect(figures.mttr).toMatchObject({
      n: 2,
      medianSeconds: 350,
      meanSeconds: 350,
    });
    // MTTM: A was mitigated at 10:35, before 10:40: 30 min = 1800 s.
    expect(figures.mttm).toMatchObject({ n: 1, medianSeconds: 1800 });
    // MTTA: A 120 s, D 60 s → median = mean = 90.
    expect(figures.mtta).toMatchObject({
      n: 2,
      medianSeconds: 90,
      meanSeconds: 90,
    });
  });

  it('counts a moment exactly at `to` as happened', () => {
    // To 11:05, when A was resolved: A, C, D, H; only D is open.
    const figures = summarizeIncidents(incidents, {
      from: period.from,
      to: new Date(at(11, 5)),
    }).incidents.all;
    expect(figures.open).toBe(1);
    // MTTR: A 3600 s, C 600 s, H 100 s → median 600, mean 4300 / 3.
    expect(figures.mttr).toMatchObject({ n: 3, medianSeconds: 600 });
    expect(figures.mttr.meanSeconds).toBeCloseTo(4300 / 3, 10);
  });
});

describe('medianOf', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(medianOf([])).toBeUndefined();
    expect(medianOf([7])).toBe(7);
    // sorted 1, 3, 9 → 3
    expect(medianOf([9, 1, 3])).toBe(3);
    // sorted 1, 3, 9, 10 → (3 + 9) / 2 = 6
    expect(medianOf([10, 9, 1, 3])).toBe(6);
  });
});
