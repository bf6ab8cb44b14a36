/*
 * Incident test data, placed relative to the moment the test module loads (the incidents section
 * measures the 90 days up to now). The summary the mocked API returns is computed by the -common
 * definitions (`summarizeIncidents`), as the backend computes it; the tests check what the section
 * shows against values worked out by hand from the moments below.
 */
import {
  Incident,
  IncidentActionItem,
  summarizeIncidents,
} from '@stewardship/backstage-plugin-stewardship-common';
import { EntityIncidentSummary } from '../api';
import { ENTITY_REF } from './sloFixtures';
import { localDayFromNow } from './localCalendar';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
/** Read once: an open incident is "open for" the same whole minutes while a test runs. */
export const INCIDENT_NOW = Date.now();
const ago = (ms: number) => new Date(INCIDENT_NOW - ms).toISOString();
/**
 * The viewer's calendar day `days` from today, as YYYY-MM-DD: an action item's due date is read
 * in the viewer's calendar. (Today's UTC date was the previous day's in St John's from 00:00 to
 * 03:30 UTC, where the unit tests run, and "overdue by 3 days" read 2.)
 */
const localDay = (days: number) => localDayFromNow(days, INCIDENT_NOW);

export const SLO_ID = '00000000-0000-4000-8000-000000000001';

function incident(
  fields: Partial<Incident> & Pick<Incident, 'id' | 'title' | 'severity'>,
): Incident {
  return {
    version: 1,
    entityRef: ENTITY_REF,
    affectedEntityRefs: [],
    status: 'resolved',
    statusChangedAt: ago(0),
    detectedAt: ago(0),
    affectedSloIds: [],
    fireDrill: false,
    source: 'manual',
    createdAt: ago(0),
    updatedAt: ago(0),
    ...fields,
  };
}

/**
 * SEV2 ×3, SEV4 ×1, one SEV3 fire drill. By hand:
 * - SEV2 MTTA 2, 4, 12 min → median 4 min, mean 6 min (n 3); MTTR 65, 95 min → 80 min (n 2, the
 *   open one has no end); MTTM 30 min (n 1); MTTD 8, 4 min → 6 min (n 2).
 * - SEV4 MTTA 1 min, MTTR 20 min, no start known (no MTTD).
 * - All real: MTTA 1, 2, 4, 12 → median 3 min, mean 4.75 min (reads "5 minutes").
 * - Fire drill: MTTA 1 min, MTTR 27 min.
 */
export const incidents: Incident[] = [
  incident({
    id: 'sev2-open',
    title: 'Checkout errors after deploy',
    severity: 'SEV2',
    status: 'acknowledged',
    startedAt: ago(3 * 60 * MINUTE + 8 * MINUTE),
    detectedAt: ago(3 * 60 * MINUTE),
    acknowledgedAt: ago(3 * 60 * MINUTE - 12 * MINUTE),
    affectedSloIds: [SLO_ID],
    source: 'pagerduty',
    externalUrl: 'https://acme.pagerduty.com/incidents/Q1',
  }),
  incident({
    id: 'sev2-a',
    title: 'Card network timeouts',
    severity: 'SEV2',
    startedAt: ago(40 * DAY + 4 * MINUTE),
    detectedAt: ago(40 * DAY),
    acknowledgedAt: ago(40 * DAY - 2 * MINUTE),
    mitigatedAt: ago(40 * DAY - 30 * MINUTE),
    resolvedAt: ago(40 * DAY - 65 * MINUTE),
    postmortemUrl: 'https://docs.example.com/pm/timeouts',
  }),
  incident({
    id: 'sev2-b',
    title: 'Database failover',
    severity: 'SEV2',
    detectedAt: ago(20 * DAY),
    acknowledgedAt: ago(20 * DAY - 4 * MINUTE),
    resolvedAt: ago(20 * DAY - 95 * MINUTE),
  }),
  incident({
    id: 'sev4',
    title: 'Restart dropped requests',
    severity: 'SEV4',
    detectedAt: ago(10 * DAY),
    acknowledgedAt: ago(10 * DAY - 1 * MINUTE),
    resolvedAt: ago(10 * DAY - 20 * MINUTE),
    source: 'api',
  }),
  incident({
    id: 'drill',
    title: 'Game day: failover',
    severity: 'SEV3',
    fireDrill: true,
    detectedAt: ago(7 * DAY),
    acknowledgedAt: ago(7 * DAY - 1 * MINUTE),
    resolvedAt: ago(7 * DAY - 27 * MINUTE),
  }),
];

export function summaryOf(list: Incident[]): EntityIncidentSummary {
  return {
    entityRef: ENTITY_REF,
    ...summarizeIncidents(list, {
      from: new Date(INCIDENT_NOW - 90 * DAY),
      to: new Date(INCIDENT_NOW + DAY),
    }),
  };
}

export const overdueItem: IncidentActionItem = {
  id: 'item-1',
  incidentId: 'sev2-open',
  title: 'Add a canary stage',
  ownerRef: 'group:default/payments',
  dueDate: localDay(-3),
  status: 'open',
  link: 'https://tickets.example.com/PAY-1',
  createdAt: ago(0),
  updatedAt: ago(0),
};

/** The open SEV2 as `GET /incidents/{id}` returns it: timeline, action items, budget cost. */
export const openDetail: Incident = {
  ...incidents[0],
  timeline: [
    {
      at: ago(3 * 60 * MINUTE),
      type: 'created',
      actor: 'pagerduty:Ada',
      status: 'triggered',
      message: 'Recorded as SEV2, triggered',
    },
    {
      at: ago(3 * 60 * MINUTE - 12 * MINUTE),
      type: 'status',
      actor: 'user:default/ada',
      status: 'acknowledged',
      message: 'Status triggered → acknowledged',
    },
  ],
  actionItems: [overdueItem],
  budgetImpact: [
    {
      sloId: SLO_ID,
      sloName: 'availability',
      status: 'computed',
      incidentWindow: { start: ago(188 * MINUTE), end: ago(0) },
      badEvents: 30,
      allowedBadEvents: 240,
      consumedPercent: (30 / 240) * 100,
      formula:
        'consumed = bad during the incident ÷ ((1 − objective) × total in the SLO window) = 30 ÷ ((1 − 0.999) × 240000) = 12.5 %',
      computedAt: ago(0),
      stored: false,
    },
  ],
};

/** Every incident's detail: the open one in full, the others bare. */
export async function getIncidentFixture(id: string): Promise<Incident> {
  if (id === openDetail.id) return openDetail;
  const found = incidents.find(i => i.id === id);
  if (!found) throw new Error(`no incident ${id}`);
  return { ...found, timeline: [], actionItems: [], budgetImpact: [] };
}
