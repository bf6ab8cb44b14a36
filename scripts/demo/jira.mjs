#!/usr/bin/env node
/*
 * DEMO DATA ONLY: a tiny stand-in for Jira Cloud, so the Backlog works without the internet.
 * `node scripts/demo/jira.mjs` serves, on 127.0.0.1:$STEWARDSHIP_DEMO_JIRA_PORT (default 19091),
 * the one endpoint the Stewardship backend reads: `GET /rest/api/3/search/jql?jql=…&fields=…
 * &maxResults=…&nextPageToken=…`, answering `{ issues, nextPageToken?, isLast }` like Jira Cloud.
 * scripts/start.sh starts it; app-config.demo.yaml points `stewardship.backlog.jira` at it.
 *
 * The issues below are invented for three demo projects (CHK checkout-service, PAY
 * payment-gateway, BILL legacy-billing: see their `jira/project-key` annotations in
 * examples/entities.yaml). Their ages are days before the server started. Only what the backend
 * sends is understood: `project = "KEY"` (plus optional `component in (…)`, `labels in (…)`),
 * `statusCategory != Done` and `ORDER BY Rank ASC`; anything else is a 400 as Jira would answer.
 * Requests must carry the demo's basic auth (demo@stewardship.example / demo-jira-token, public
 * and worthless), else 401.
 */
import http from 'node:http';

const port = Number(process.env.STEWARDSHIP_DEMO_JIRA_PORT ?? 19091);
const AUTH = `Basic ${Buffer.from(
  'demo@stewardship.example:demo-jira-token',
).toString('base64')}`;
const DAY = 86_400_000;
const started = Date.now();
const say = msg => console.log(`demo-jira: ${msg}`);

const STATUS = {
  todo: { name: 'To Do', statusCategory: { key: 'new', name: 'To Do' } },
  triage: {
    name: 'Needs Triage',
    statusCategory: { key: 'new', name: 'To Do' },
  },
  doing: {
    name: 'In Progress',
    statusCategory: { key: 'indeterminate', name: 'In Progress' },
  },
  done: { name: 'Done', statusCategory: { key: 'done', name: 'Done' } },
};

/** [key, summary, type, priority or null, status, age in days, labels, component, assignee]. */
const ISSUES = [
  // checkout-service: the bad deploy's follow-ups on top, then feature work, one very old story.
  [
    'CHK-101',
    'Roll back the 3 % error deploy and add a canary',
    'Bug',
    'Highest',
    'doing',
    0.2,
    ['incident'],
    'api',
    'Isabella Lopez',
  ],
  [
    'CHK-97',
    'Retry payment authorisation once on gateway timeouts',
    'Bug',
    'High',
    'todo',
    12,
    ['reliability'],
    'api',
    null,
  ],
  [
    'CHK-88',
    'Saved carts for signed-in shoppers',
    'Story',
    'Medium',
    'todo',
    45,
    [],
    'web',
    'Noah Kim',
  ],
  [
    'CHK-84',
    'Apple Pay on the checkout page',
    'Story',
    'Medium',
    'todo',
    70,
    [],
    'web',
    null,
  ],
  [
    'CHK-60',
    'Checkout p99 latency alert is noisy at night',
    'Task',
    null,
    'triage',
    95,
    ['slo'],
    'api',
    null,
  ],
  [
    'CHK-41',
    'Gift wrapping option',
    'Story',
    'Low',
    'todo',
    210,
    [],
    'web',
    null,
  ],
  [
    'CHK-33',
    'Split the order confirmation e-mail template',
    'Task',
    'Low',
    'todo',
    260,
    [],
    'web',
    null,
  ],
  [
    'CHK-20',
    'Remove the old coupon service',
    'Task',
    'Medium',
    'done',
    300,
    [],
    'api',
    null,
  ],
  // payment-gateway
  [
    'PAY-230',
    'Acquirer B returns 502 during their maintenance window',
    'Incident',
    'High',
    'doing',
    10,
    ['incident'],
    null,
    'Ava Hernandez',
  ],
  [
    'PAY-221',
    '3-D Secure 2.2 challenge flow',
    'Story',
    'High',
    'todo',
    25,
    [],
    null,
    null,
  ],
  [
    'PAY-212',
    'Tokenise stored cards with the new vault',
    'Story',
    'Medium',
    'todo',
    60,
    [],
    null,
    'Michael Brown',
  ],
  [
    'PAY-190',
    'Connection pool exhausted after restart',
    'Bug',
    null,
    'triage',
    40,
    [],
    null,
    null,
  ],
  [
    'PAY-150',
    'Refund reconciliation report',
    'Story',
    'Low',
    'todo',
    150,
    [],
    null,
    null,
  ],
  // legacy-billing: an old backlog nobody triages
  [
    'BILL-12',
    'Monthly run overruns its batch window',
    'Bug',
    'High',
    'todo',
    35,
    ['reliability'],
    null,
    null,
  ],
  [
    'BILL-9',
    'Move the run to invoice-service',
    'Epic',
    'Medium',
    'doing',
    120,
    [],
    null,
    'Sarah Johnson',
  ],
  [
    'BILL-7',
    'Currency rounding differs from invoice-service',
    'Bug',
    null,
    'triage',
    200,
    [],
    null,
    null,
  ],
  [
    'BILL-4',
    'Print-shop export in the new PDF format',
    'Story',
    null,
    'todo',
    400,
    [],
    null,
    null,
  ],
  [
    'BILL-2',
    'Document the COBOL copybooks',
    'Task',
    'Low',
    'todo',
    540,
    [],
    null,
    null,
  ],
].map(
  (
    [key, summary, type, priority, status, age, labels, component, assignee],
    rank,
  ) => ({
    rank,
    project: key.split('-')[0],
    component,
    issue: {
      id: String(10000 + rank),
      key,
      self: `http://127.0.0.1:${port}/rest/api/3/issue/${10000 + rank}`,
      fields: {
        summary,
        issuetype: { name: type, subtask: false },
        status: STATUS[status],
        priority: priority ? { name: priority } : null,
        labels,
        created: jiraTime(started - age * DAY),
        updated: jiraTime(started - Math.min(age, 3) * DAY),
        assignee: assignee ? { displayName: assignee } : null,
        components: component ? [{ name: component }] : [],
      },
    },
  }),
);

/** Jira's time format: `2026-01-15T10:30:00.000+0000`. */
function jiraTime(ms) {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

const list = text =>
  [...text.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map(m =>
    m[1].replace(/\\(.)/g, '$1'),
  );

/** The filter of the JQL the backend sends; undefined when it is something else. */
function parseJql(jql) {
  const match = jql.match(
    /^project = "([^"]+)"(?: AND component in \(([^)]*)\))?(?: AND labels in \(([^)]*)\))? AND statusCategory != Done ORDER BY Rank ASC$/,
  );
  if (!match) return undefined;
  return {
    project: match[1],
    components: match[2] ? list(match[2]) : undefined,
    labels: match[3] ? list(match[3]) : undefined,
  };
}

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
  if (req.headers.authorization !== AUTH) {
    send(res, 401, { errorMessages: ['You are not authenticated.'] });
    return;
  }
  if (req.method !== 'GET' || url.pathname !== '/rest/api/3/search/jql') {
    send(res, 404, {
      errorMessages: ['Not found (demo Jira serves search/jql only)'],
    });
    return;
  }
  const filter = parseJql(url.searchParams.get('jql') ?? '');
  if (!filter) {
    send(res, 400, {
      errorMessages: [
        'The demo Jira only understands the JQL Stewardship sends.',
      ],
    });
    return;
  }
  if (!ISSUES.some(i => i.project === filter.project)) {
    send(res, 400, {
      errorMessages: [
        `The value '${filter.project}' does not exist for the field 'project'.`,
      ],
    });
    return;
  }
  const matching = ISSUES.filter(
    i =>
      i.project === filter.project &&
      i.issue.fields.status.statusCategory.key !== 'done' &&
      (!filter.components || filter.components.includes(i.component)) &&
      (!filter.labels ||
        filter.labels.some(l => i.issue.fields.labels.includes(l))),
  ).sort((a, b) => a.rank - b.rank);
  const max = Math.min(
    Number(url.searchParams.get('maxResults') ?? 50) || 50,
    100,
  );
  const start = Number(url.searchParams.get('nextPageToken') ?? 0) || 0;
  const page = matching.slice(start, start + max);
  const isLast = start + max >= matching.length;
  send(res, 200, {
    issues: page.map(i => i.issue),
    ...(!isLast && { nextPageToken: String(start + max) }),
    isLast,
  });
});

server.listen(port, '127.0.0.1', () =>
  // The port actually bound (0 asks for a free one, as the tests do).
  say(
    `demo data for projects CHK, PAY, BILL on http://127.0.0.1:${
      server.address().port
    }`,
  ),
);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
