#!/usr/bin/env node
/*
 * DEMO DATA ONLY: a tiny stand-in for Jira Cloud, so the Backlog works without the internet.
 * `node scripts/demo/jira.mjs` serves, on 127.0.0.1:$STEWARDSHIP_DEMO_JIRA_PORT (default 19091),
 * the one endpoint the Stewardship backend reads: `GET /rest/api/3/search/jql?jql=…&fields=…
 * &maxResults=…&nextPageToken=…`, answering `{ issues, nextPageToken?, isLast }` like Jira Cloud.
 * scripts/start.sh starts it; app-config.demo.yaml points `stewardship.backlog.jira` at it.
 *
 * The issues (jira-issues.json) are invented for three demo projects (CHK checkout-service, PAY
 * payment-gateway, BILL legacy-billing: see their `jira/project-key` annotations in
 * examples/entities.yaml). Their ages are days before the server started. Only what the backend
 * sends is understood: `project = "KEY"` (plus optional `component in (…)`, `labels in (…)`),
 * `statusCategory != Done` and `ORDER BY Rank ASC`; anything else is a 400 as Jira would answer.
 * Requests must carry the demo's basic auth (demo@stewardship.example / demo-jira-token, public
 * and worthless), else 401; only the issue pages the Backlog links to (`GET /browse/KEY`) are
 * open, as a browser follows those links without Jira credentials.
 */
import fs from 'node:fs';
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

/*
 * The invented issues, in rank order, live in jira-issues.json so the end-to-end tests can derive
 * the figures the Backlog tab must show from the same table (packages/app/e2e-tests/backlog.test.ts):
 * checkout-service (CHK): the bad deploy's follow-ups on top, then feature work, one very old story;
 * payment-gateway (PAY); legacy-billing (BILL): an old backlog nobody triages. Each row is
 * { key, summary, type, priority (null: none), status (a key of STATUS), ageDays, labels,
 * component (null: none), assignee (null: unassigned) }.
 */
const ISSUES = JSON.parse(
  fs.readFileSync(new URL('./jira-issues.json', import.meta.url), 'utf8'),
).map(
  (
    {
      key,
      summary,
      type,
      priority,
      status,
      ageDays: age,
      labels,
      component,
      assignee,
    },
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

const escapeHtml = text =>
  text.replace(
    /[&<>"]/g,
    c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]),
  );

/**
 * The issue page a Backlog item links to (`/browse/KEY`), so a click in the demo lands on a page
 * rather than the API's 401: a browser sends no Jira credentials, and a real Jira would show its
 * own sign-in. Read-only and public, like the rest of the demo data.
 */
function sendIssuePage(res, key) {
  const issue = ISSUES.find(i => i.issue.key === key)?.issue;
  if (!issue) {
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><html lang="en"><title>${escapeHtml(
        key,
      )} not found</title><h1>No issue ${escapeHtml(
        key,
      )} in the demo Jira</h1></html>`,
    );
    return;
  }
  const summary = escapeHtml(`${issue.key}: ${issue.fields.summary}`);
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(
    `<!doctype html><html lang="en"><title>${summary}</title><main><h1>${summary}</h1>` +
      `<p>${escapeHtml(issue.fields.issuetype.name)}, ${escapeHtml(
        issue.fields.status.name,
      )}.</p>` +
      '<p>This page stands in for the issue in a real Jira: the demo Jira invents its issues (scripts/demo/jira-issues.json).</p></main></html>',
  );
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
  const browse = /^\/browse\/([A-Z][A-Z0-9]*-\d+)$/.exec(url.pathname);
  if (req.method === 'GET' && browse) {
    sendIssuePage(res, browse[1]);
    return;
  }
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

server.on('error', error => {
  // Without this a taken port is a stack trace in the middle of the demo's log.
  say(
    error.code === 'EADDRINUSE'
      ? `port ${port} is already in use; the Backlog tab reads Jira from whatever holds it (stop it, or set STEWARDSHIP_DEMO_JIRA_PORT and stewardship.backlog.jira.baseUrl)`
      : `cannot serve: ${error.message}`,
  );
  process.exit(1);
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
