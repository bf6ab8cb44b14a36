#!/usr/bin/env node
/*
 * Seeds the demo: waits for the backend, then for the catalog to hold the services the SLO files
 * name, imports examples/slos/*.yaml through POST /api/stewardship/slos/import (a 400 naming a
 * missing entity is still retried, should the catalog lag), then evaluates each SLO as of every
 * 6 hours of the last 30 days (POST slos/{id}/evaluate?at=…) so the burndown history is there
 * from the start.
 *
 * Uses the static token of app-config.demo.yaml. Skips the import when the SLOs already exist.
 * Rides out the backend starting or restarting (scripts/demo/seedApi.mjs): each call waits up to
 * 6 minutes for it; then the seeder says what it was waiting for and exits 1.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SeedError, WAIT_MS, WaitTimeout, seedApi, sleep } from './seedApi.mjs';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const api = seedApi('demo-seed');
const { say } = api;
/** The time the catalog is given to hold the services the SLO files name: 5 minutes. */
const CATALOG_WAIT_MS = Math.min(WAIT_MS, 300_000);

/** A call to the stewardship API (`/slos…`). */
const call = (method, url, options) =>
  api.call(method, `/api/stewardship${url}`, options);

const errorOf = res =>
  `HTTP ${res.status}${
    res.body?.error?.message ? `: ${res.body.error.message}` : ''
  }`;

function waitForBackend() {
  return api.waitFor('the stewardship API', async (msLeft, notYet) => {
    const res = await call('GET', '/slos?limit=1', { waitMs: msLeft });
    return res.status === 200 ? res.body : notYet(errorOf(res));
  });
}

/**
 * Waits until the catalog holds the component of every `service:` in the file (how the import
 * resolves them), so that the first import does not fail, audited, on a catalog still ingesting
 * examples/. After 5 minutes it imports anyway: the import says which entity is missing.
 */
async function waitForServices(yaml) {
  const entityRefs = [...yaml.matchAll(/^\s*service:\s*['"]?([\w.-]+)/gm)].map(
    ([, service]) => `component:default/${service}`,
  );
  try {
    await api.waitFor(
      'the catalog entities of the SLO files',
      async (msLeft, notYet) => {
        const res = await api.call('POST', '/api/catalog/entities/by-refs', {
          body: JSON.stringify({ entityRefs, fields: ['kind'] }),
          contentType: 'application/json',
          repeatable: true,
          waitMs: msLeft,
        });
        if (res.status !== 200) return notYet(errorOf(res));
        const missing = entityRefs.filter((_, i) => !res.body.items[i]);
        return missing.length === 0
          ? true
          : notYet(`missing ${missing.join(', ')}`);
      },
      CATALOG_WAIT_MS,
    );
  } catch (error) {
    if (!(error instanceof WaitTimeout)) throw error;
    say(`${error.message}; importing anyway`);
  }
}

async function importFile(file) {
  const yaml = fs.readFileSync(path.join(root, 'examples/slos', file), 'utf8');
  await waitForServices(yaml);
  for (let attempt = 0; attempt < 60; attempt++) {
    const res = await call(
      'POST',
      '/slos/import?metricSource=demo-prometheus',
      {
        body: yaml,
        contentType: 'application/yaml',
      },
    );
    if (res.status === 201) return res.body.items;
    const message = res.body?.error?.message ?? JSON.stringify(res.body);
    if (!(res.status === 400 && /not in the catalog/.test(message))) {
      throw new SeedError(
        `import of ${file} failed (${res.status}): ${message}`,
      );
    }
    await sleep(2000); // the catalog is still ingesting examples/
  }
  throw new SeedError(
    `import of ${file}: the catalog never showed the entities`,
  );
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
      // Repeated after a dropped connection, it stores at worst a second, identical snapshot.
      const res = await call(
        'POST',
        `/slos/${job[0]}/evaluate?at=${encodeURIComponent(job[1])}`,
        { repeatable: true },
      );
      if (res.status !== 200) failed += 1;
    }
  };
  await Promise.all([1, 2, 3, 4].map(worker));
  return failed;
}

await api.run(async () => {
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
      const { body } = await call('POST', `/slos/${slo.id}/evaluate`, {
        repeatable: true,
      });
      say(
        `${slo.entityRef} ${slo.name}: ${body.status}${
          body.reason ? ` (${body.reason})` : ''
        }`,
      );
    }
  }
});
