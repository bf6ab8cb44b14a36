#!/usr/bin/env node
/*
 * Seeds the demo: waits for the backend, then for the catalog to hold the services the SLO files
 * name, imports examples/slos/*.yaml through POST /api/stewardship/slos/import (a 400 naming a
 * missing entity is still retried, should the catalog lag), then evaluates each SLO as of every
 * 6 hours of the last 30 days (POST slos/{id}/evaluate?at=…) so the burndown history is there
 * from the start.
 *
 * Uses the static token of app-config.demo.yaml. Skips the import when the SLOs already exist.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const backend = process.env.STEWARDSHIP_BACKEND_URL ?? 'http://localhost:7007';
const base = `${backend}/api/stewardship`;
const headers = {
  Authorization: `Bearer ${
    process.env.STEWARDSHIP_DEMO_TOKEN ?? 'stewardship-demo-seed-token'
  }`,
};
const say = msg => console.log(`demo-seed: ${msg}`);
const sleep = ms => new Promise(r => setTimeout(r, ms));

async function call(method, url, body, contentType) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      ...headers,
      ...(contentType && { 'Content-Type': contentType }),
    },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function waitForBackend() {
  for (let i = 0; i < 180; i++) {
    try {
      const res = await call('GET', '/slos?limit=1');
      if (res.status === 200) return res.body;
    } catch {
      // not listening yet
    }
    await sleep(2000);
  }
  throw new Error('the backend did not answer within 6 minutes');
}

/**
 * Waits until the catalog holds the component of every `service:` in the file (how the import
 * resolves them), so that the first import does not fail, audited, on a catalog still ingesting
 * examples/.
 */
async function waitForServices(yaml) {
  const entityRefs = [...yaml.matchAll(/^\s*service:\s*['"]?([\w.-]+)/gm)].map(
    ([, service]) => `component:default/${service}`,
  );
  for (let i = 0; i < 150; i++) {
    const res = await fetch(`${backend}/api/catalog/entities/by-refs`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ entityRefs, fields: ['kind'] }),
    });
    if (res.ok && (await res.json()).items.every(Boolean)) return;
    await sleep(2000);
  }
}

async function importFile(file) {
  const yaml = fs.readFileSync(path.join(root, 'examples/slos', file), 'utf8');
  await waitForServices(yaml);
  for (let attempt = 0; attempt < 60; attempt++) {
    const res = await call(
      'POST',
      '/slos/import?metricSource=demo-prometheus',
      yaml,
      'application/yaml',
    );
    if (res.status === 201) return res.body.items;
    const message = res.body?.error?.message ?? JSON.stringify(res.body);
    if (!(res.status === 400 && /not in the catalog/.test(message))) {
      throw new Error(`import of ${file} failed (${res.status}): ${message}`);
    }
    await sleep(2000); // the catalog is still ingesting examples/
  }
  throw new Error(`import of ${file}: the catalog never showed the entities`);
}

async function backfill(slos) {
  const now = Date.now();
  const step = 6 * 3600 * 1000;
  const jobs = [];
  for (const slo of slos) {
    for (let at = now - 30 * 86400 * 1000; at <= now; at += step) {
      jobs.push([slo.id, new Date(at).toISOString()]);
    }
  }
  let failed = 0;
  const worker = async () => {
    for (let job = jobs.shift(); job; job = jobs.shift()) {
      const res = await call(
        'POST',
        `/slos/${job[0]}/evaluate?at=${encodeURIComponent(job[1])}`,
      );
      if (res.status !== 200) failed += 1;
    }
  };
  await Promise.all([1, 2, 3, 4].map(worker));
  return failed;
}

const existing = await waitForBackend();
if (existing.totalCount > 0) {
  say(`${existing.totalCount} SLOs exist already; nothing to seed`);
} else {
  const slos = [
    ...(await importFile('openslo.yaml')),
    ...(await importFile('sloth.yaml')),
  ];
  say(
    `imported ${slos.length} SLOs; evaluating 30 days of history every 6 hours`,
  );
  const t0 = Date.now();
  const failed = await backfill(slos);
  say(
    `history done in ${((Date.now() - t0) / 1000).toFixed(1)} s${
      failed ? ` (${failed} evaluations failed)` : ''
    }`,
  );
  for (const slo of slos) {
    const { body } = await call('POST', `/slos/${slo.id}/evaluate`);
    say(
      `${slo.entityRef} ${slo.name}: ${body.status}${
        body.reason ? ` (${body.reason})` : ''
      }`,
    );
  }
}
