/* eslint-disable no-restricted-imports */
/*
 * What the planning review of the demo's system payment-processing must show, worked out here
 * from the demo's own definitions and never from the review:
 *
 * - the entities and their ownership from examples/entities.yaml and examples/org.yaml (read as
 *   text: the few fields needed, with the roles' inheritance component → system → domain);
 * - the SLO figures from the demo traffic (demoSloFigures.ts), at the moments the stored
 *   snapshots were taken (those moments come from the seeding's clock and the evaluation
 *   schedule, so the test reads them; every value at them is computed here);
 * - the incident figures from scripts/demo/seed-incidents.mjs's own offsets;
 * - the backlog from scripts/demo/jira-issues.json (the demo Jira's table) plus the built-in
 *   items the backend lists, as backlog.test.ts does.
 *
 * The display rules (percent with two decimals, `3 min`, …) are the review's, as its README and
 * reviewFormat.ts word them, written out again.
 */
import fs from 'fs';
import path from 'path';

const root = path.resolve(__dirname, '../../..');

/** The fields of a catalog document this file reads. */
export interface DemoEntity {
  kind: string;
  name: string;
  annotations: Record<string, string>;
  system: string | undefined;
  domain: string | undefined;
  memberOf: string[];
}

/** The catalog documents of a demo YAML file, read line by line (the files' layout is regular). */
function readDocuments(file: string): DemoEntity[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  return text
    .split(/^---$/m)
    .map((doc): DemoEntity | undefined => {
      const kind = /^kind: (\S+)/m.exec(doc)?.[1];
      const name = /^ {2}name: (\S+)/m.exec(doc)?.[1];
      if (!kind || !name) return undefined;
      const annotations: Record<string, string> = {};
      for (const m of doc.matchAll(/^ {4}([a-z.]+\/[a-z-]+): (.+)$/gm)) {
        annotations[m[1]] = m[2].trim();
      }
      const memberOf = /^ {2}memberOf: \[(.*)\]/m.exec(doc)?.[1];
      return {
        kind: kind.toLowerCase(),
        name,
        annotations,
        system: /^ {2}system: (\S+)/m.exec(doc)?.[1],
        domain: /^ {2}domain: (\S+)/m.exec(doc)?.[1],
        memberOf: memberOf
          ? memberOf
              .split(',')
              .map(s => s.trim())
              .filter(Boolean)
          : [],
      };
    })
    .filter((e): e is DemoEntity => e !== undefined);
}

export const DEMO_ENTITIES = readDocuments('examples/entities.yaml');
const DEMO_ORG = readDocuments('examples/org.yaml');

const find = (kind: string, name: string) =>
  [...DEMO_ENTITIES, ...DEMO_ORG].find(e => e.kind === kind && e.name === name);

/** The components and APIs of a system, as `kind:default/name` refs in ref order. */
export function partsOf(system: string): string[] {
  return DEMO_ENTITIES.filter(
    e => (e.kind === 'component' || e.kind === 'api') && e.system === system,
  )
    .map(e => `${e.kind}:default/${e.name}`)
    .sort();
}

const ROLES = ['business', 'product', 'engineering'] as const;

/**
 * An owner ref's status as docs/demo-catalog.md defines it, for the cases the demo uses: one
 * `kind:[namespace/]name` of a user or group; `unresolved` when no such entity exists, `orphaned`
 * for a group nobody is a member of or a user in no group. (A list or a ref without a kind is
 * `invalid`: not in payment-processing, so this file refuses it rather than guess.)
 */
function ownerStatus(value: string): 'ok' | 'unresolved' | 'orphaned' {
  const m = /^(user|group):(?:default\/)?([a-z0-9.-]+)$/.exec(value);
  if (!m) throw new Error(`owner value not handled by this test: ${value}`);
  const [, kind, name] = m;
  const entity = find(kind, name);
  if (!entity) return 'unresolved';
  if (kind === 'user') return entity.memberOf.length ? 'ok' : 'orphaned';
  return DEMO_ORG.some(u => u.kind === 'user' && u.memberOf.includes(name))
    ? 'ok'
    : 'orphaned';
}

/**
 * The review's ownership gaps of an entity (component, API or system), in words: each role's value
 * is the entity's own annotation, else its system's, else its system's domain's (a system's: its
 * own, else its domain's); a role not `ok` is a gap by its status, an `ok` one is a gap while its
 * holder has not confirmed it (no attestation: the e2e database is fresh and no test confirms a
 * payment-processing role).
 */
export function expectedOwnershipGaps(entityRef: string): string[] {
  const [kind, rest] = entityRef.split(':');
  const entity = find(kind, rest.split('/')[1])!;
  let system: DemoEntity | undefined;
  if (entity.kind === 'system') system = entity;
  else if (entity.system) system = find('system', entity.system);
  const domain = system?.domain ? find('domain', system.domain) : undefined;
  return ROLES.map(role => {
    const key = `stewardship.io/${role}-owner`;
    const value =
      entity.annotations[key] ??
      system?.annotations[key] ??
      domain?.annotations[key];
    if (value === undefined) return `${role} missing`;
    const status = ownerStatus(value);
    return status === 'ok' ? `${role} not confirmed` : `${role} ${status}`;
  });
}

/** A row of scripts/demo/jira-issues.json. */
interface DemoIssue {
  key: string;
  type: string;
  status: string;
  ageDays: number;
  labels: string[];
}
const DEMO_ISSUES: DemoIssue[] = JSON.parse(
  fs.readFileSync(path.join(root, 'scripts/demo/jira-issues.json'), 'utf8'),
);

/** The backend's defaults (stewardship.backlog): what counts as reliability work, the top N. */
const RELIABILITY_TYPES = ['bug', 'incident'];
const RELIABILITY_LABELS = ['reliability', 'slo', 'incident'];
export const BACKLOG_TOP_N = 20;
const DAY_MS = 86_400_000;

/** The backlog answer of GET …/backlog, as far as the figures need it. */
export interface BacklogAnswer {
  items: Array<{
    key: string;
    provider: string;
    rank: number;
    createdAt: string;
    reliability: boolean;
  }>;
  figures: { at: string };
}

const PROVIDER_ORDER = ['slos', 'incident-action-items', 'jira'];

/**
 * The top N's average age and reliability share: the demo Jira's open issues of the entity's
 * project (`jira/project-key`) in the table's order with the table's ages, merged by rank with
 * the built-in items of the answer (breached SLOs, open action items: they follow from the seeded
 * data, their ages from their createdAt). The demo Jira dates its issues from when it started:
 * that start is read back from one of its issues' createdAt, the only thing taken from the Jira
 * part of the answer.
 */
export function expectedBacklog(
  entity: string,
  answer: BacklogAnswer,
  storedAt: string = answer.figures.at,
): { topItems: number; averageAgeDays?: number; reliabilityShare?: number } {
  const project = find('component', entity)?.annotations['jira/project-key'];
  // Ages as of the moment the figures were computed (`storedAt`: the stored figures' own moment,
  // which is the answer's unless a later read stored newer ones).
  const at = Date.parse(storedAt);
  const jiraAnswered = answer.items.filter(i => i.provider === 'jira');
  const jira = project
    ? DEMO_ISSUES.filter(
        i => i.key.startsWith(`${project}-`) && i.status !== 'done',
      )
    : [];
  // Days between the demo Jira's start and the figures' moment (the same for every issue).
  let sinceJiraStart = 0;
  if (jira.length > 0) {
    const first = jiraAnswered.find(i => i.key === jira[0].key);
    if (!first) throw new Error(`${jira[0].key} is not in the backlog answer`);
    sinceJiraStart =
      (at - Date.parse(first.createdAt)) / DAY_MS - jira[0].ageDays;
    if (sinceJiraStart < 0) {
      throw new Error(
        `${jira[0].key}'s createdAt is after the figures' moment`,
      );
    }
  }
  const items = [
    ...jira.map((i, index) => ({
      provider: 'jira',
      rank: index + 1,
      ageDays: Math.max(0, i.ageDays + sinceJiraStart),
      reliability:
        RELIABILITY_TYPES.includes(i.type.toLowerCase()) ||
        i.labels.some(l => RELIABILITY_LABELS.includes(l.toLowerCase())),
    })),
    ...answer.items
      .filter(i => i.provider !== 'jira')
      .map(i => ({
        provider: i.provider,
        rank: i.rank,
        ageDays: Math.max(0, (at - Date.parse(i.createdAt)) / DAY_MS),
        reliability: i.reliability,
      })),
  ].sort(
    (a, b) =>
      a.rank - b.rank ||
      PROVIDER_ORDER.indexOf(a.provider) - PROVIDER_ORDER.indexOf(b.provider),
  );
  const top = items.slice(0, BACKLOG_TOP_N);
  if (top.length === 0) return { topItems: 0 };
  return {
    topItems: top.length,
    averageAgeDays: top.reduce((sum, i) => sum + i.ageDays, 0) / top.length,
    reliabilityShare: top.filter(i => i.reliability).length / top.length,
  };
}

/**
 * payment-gateway's incidents as scripts/demo/seed-incidents.mjs seeds them (offsets before its
 * NOW): a SEV4 detected 10 d − 2 min ago, acknowledged 10 d − 5 min ago, resolved 10 d − 25 min
 * ago (in the 30 days), and a SEV2 detected 40 d − 6 min ago (before them). Both resolved.
 */
export const PAYMENT_GATEWAY_INCIDENTS_IN_30_DAYS = [
  {
    title: 'Gateway restart dropped in-flight payments',
    severity: 'SEV4',
    mttaSeconds: (5 - 2) * 60,
    mttrSeconds: (25 - 2) * 60,
  },
];

// The review's display rules (plugins/stewardship/src/components/PlanningReview/reviewFormat.ts).
// Never 100 % or 0 % unless exactly: one more decimal at a time (up to six) until it reads apart.
export const percent = (fraction?: number) => {
  if (fraction === undefined) return '—';
  for (let d = 2; d <= 6; d++) {
    const value = Number((fraction * 100).toFixed(d));
    if (
      !(value === 0 && fraction !== 0) &&
      !(Math.abs(value) === 100 && Math.abs(fraction) !== 1)
    ) {
      return `${value} %`;
    }
  }
  throw new Error(
    `${fraction} is within a millionth of a percent of 0 % or 100 %`,
  );
};
// A burn rate as every view writes one: three significant digits, thousands separated (a
// rate that is not 0 never reads 0 this way).
export const burnText = (rate?: number) =>
  rate === undefined
    ? '—'
    : `${rate.toLocaleString('en-US', { maximumSignificantDigits: 3 })}×`;
// Whole seconds under a minute, minutes to 0.1 under an hour, then hours to 0.1, the unit going
// by the rounded figure (59.5 s is 1 min, 3,597 s 1 h).
export const durationText = (seconds?: number) => {
  if (seconds === undefined) return '—';
  const whole = Math.round(seconds);
  if (whole < 60) return whole === 0 && seconds > 0 ? '< 1 s' : `${whole} s`;
  const minutes = Number((seconds / 60).toFixed(1));
  if (minutes < 60) return `${minutes} min`;
  return `${Number((seconds / 3600).toFixed(1))} h`;
};
// The Backlog tab's rule: rounded down while below the 90-day target, else to the nearest tenth
// (the demo's backlog is nowhere near 180 days on average).
export const daysText = (value?: number) => {
  if (value === undefined) return '—';
  return `${(value < 90 ? Math.floor(value * 10) / 10 : value).toFixed(1)} d`;
};
// A budget cost (a percentage) by the percent rule above, as the SLOs tab writes it.
export const costText = (value?: number) =>
  value === undefined ? '—' : percent(value / 100);

/** One CSV line split into cells (quoted cells may hold commas and doubled quotes). */
export function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}
