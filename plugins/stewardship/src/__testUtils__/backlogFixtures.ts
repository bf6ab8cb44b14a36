import {
  BacklogItem,
  BacklogProviderState,
  ReleaseGate,
  computeBacklogFigures,
  ReleaseGateReason,
} from '@stewardship/backstage-plugin-stewardship-common';
import { EntityBacklog } from '../api';

/** The moment the backlog below is read at. */
export const BACKLOG_AT = new Date('2026-11-30T12:00:00.000Z');
const DAY = 86_400_000;
const ago = (days: number) =>
  new Date(BACKLOG_AT.getTime() - days * DAY).toISOString();

function item(
  fields: Partial<BacklogItem> & Pick<BacklogItem, 'id' | 'key' | 'title'>,
  ageDays: number,
): BacklogItem {
  return {
    provider: 'jira',
    type: 'Story',
    labels: [],
    rank: 1,
    status: 'To Do',
    awaitingTriage: false,
    reliability: false,
    createdAt: ago(ageDays),
    ...fields,
  };
}

/** The built-in item: an exhausted SLO, ranked first. Age 0.5 days. */
export const sloItem = item(
  {
    id: 'slo:s1',
    provider: 'slos',
    key: 'availability',
    title: 'SLO availability is out of error budget (−25 % of the budget left)',
    link: 'https://backstage.example/catalog/default/component/payments-api/slos',
    type: 'slo',
    labels: ['slo'],
    priority: 'Highest',
    status: 'exhausted',
    reliability: true,
    reliabilityReason: 'built-in SLO item',
  },
  0.5,
);

/**
 * Six Jira issues in rank order. Ages 10, 25, 40, 150, 200, 400 days; reliability work: PAY-230
 * (type Incident) and PAY-190 (type Bug); without priority: PAY-190 and PAY-50.
 */
export const jiraItems: BacklogItem[] = [
  item(
    {
      id: 'jira:PAY-230',
      key: 'PAY-230',
      title: 'Acquirer B returns 502 during maintenance',
      link: 'https://jira.example/browse/PAY-230',
      type: 'Incident',
      labels: ['incident'],
      priority: 'High',
      status: 'In Progress',
      assignee: 'Ava Hernandez',
      reliability: true,
      reliabilityReason: 'type Incident',
    },
    10,
  ),
  item(
    {
      id: 'jira:PAY-221',
      key: 'PAY-221',
      title: '3-D Secure 2.2 challenge flow',
      link: 'https://jira.example/browse/PAY-221',
      priority: 'High',
    },
    25,
  ),
  item(
    {
      id: 'jira:PAY-190',
      key: 'PAY-190',
      title: 'Connection pool exhausted after restart',
      link: 'https://jira.example/browse/PAY-190',
      type: 'Bug',
      status: 'Needs Triage',
      awaitingTriage: true,
      reliability: true,
      reliabilityReason: 'type Bug',
    },
    40,
  ),
  item(
    {
      id: 'jira:PAY-150',
      key: 'PAY-150',
      title: 'Refund reconciliation report',
      link: 'https://jira.example/browse/PAY-150',
      priority: 'Low',
    },
    150,
  ),
  item(
    {
      id: 'jira:PAY-100',
      key: 'PAY-100',
      title: 'Wallet payments in the app',
      link: 'https://jira.example/browse/PAY-100',
      priority: 'Medium',
      labels: ['mobile', 'wallet'],
    },
    200,
  ),
  item(
    {
      id: 'jira:PAY-50',
      key: 'PAY-50',
      title: 'Document the settlement file format',
      link: 'https://jira.example/browse/PAY-50',
      type: 'Task',
    },
    400,
  ),
].map((i, index) => ({ ...i, rank: index + 1 }));

const read = BACKLOG_AT.toISOString();

export const okProviders: BacklogProviderState[] = [
  { provider: 'slos', title: 'SLOs', status: 'ok', itemCount: 1, readAt: read },
  {
    provider: 'incident-action-items',
    title: 'Incident action items',
    status: 'ok',
    itemCount: 0,
    readAt: read,
  },
  { provider: 'jira', title: 'Jira', status: 'ok', itemCount: 6, readAt: read },
];

/** A backend answer: items in rank order, figures as the backend computes them (-common). */
export function entityBacklog(
  items: BacklogItem[],
  providers: BacklogProviderState[] = okProviders,
  topN?: number,
): EntityBacklog {
  return {
    entityRef: 'component:default/payments-api',
    items,
    figures: computeBacklogFigures(items, { now: BACKLOG_AT, topN }),
    providers,
  };
}

/** The full backlog: the SLO item first (rank 1 merges before Jira's rank 1), then Jira's. */
export const fullBacklog = entityBacklog([sloItem, ...jiraItems]);

/** Jira rejected the token: only the built-in item is listed. */
export const partialBacklog = entityBacklog(
  [sloItem],
  [
    okProviders[0],
    okProviders[1],
    {
      provider: 'jira',
      title: 'Jira',
      status: 'error',
      message: 'Jira: token rejected (HTTP 401)',
      itemCount: 0,
      readAt: read,
    },
  ],
);

const policy = {
  exhausted: 'block' as const,
  atRisk: 'warn' as const,
  noData: 'warn' as const,
  noSlos: 'allow' as const,
  sloLabels: {},
};

export const allowGate: ReleaseGate = {
  entityRef: 'component:default/payments-api',
  decision: 'allow',
  policyDecision: 'allow',
  countedSlos: 1,
  policy,
  evaluatedAt: read,
  reasons: [],
};

export const blockGate: ReleaseGate = {
  ...allowGate,
  decision: 'block',
  policyDecision: 'block',
  reasons: [
    {
      slo: { id: 's1', name: 'availability' },
      status: 'exhausted',
      decision: 'block',
      budgetRemaining: -0.25,
      firingPolicies: ['page-1h'],
      explanation:
        '"availability" has spent its error budget (\u221225 % left).',
    },
  ],
};

/** A release-gate reason for an SLO named `name`, without figures or explanation. */
export const gateReason = (
  name: string,
  status: ReleaseGateReason['status'],
  decision: ReleaseGateReason['decision'],
): ReleaseGateReason => ({
  slo: { id: name, name },
  status,
  decision,
  firingPolicies: [],
  explanation: '',
});
