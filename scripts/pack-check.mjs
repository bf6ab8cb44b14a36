#!/usr/bin/env node
// The packages as an adopter gets them: builds every plugin package (`backstage-cli repo build`,
// which builds each as `backstage-cli package build` does), packs it (`yarn pack`, which rewrites
// `workspace:` ranges and `publishConfig`), checks each archive and then runs what it holds, not
// the workspace's sources:
// - every archive: no `workspace:` range left; `main`, `types`, `module` and every `exports`
//   target are in the archive; every import in its built code is one of its own files or a
//   declared dependency (or peer dependency), so an import that only works inside this monorepo
//   fails here;
// - the backend packages, unpacked into .tooling/pack-check/node_modules (Node resolves them there
//   before the workspace links), started in a Backstage backend as the backend README says (the
//   catalog, the Stewardship backend and its catalog and Tech Insights modules, on SQLite): it
//   must answer its health check, create an SLO through the API, list it on its entity and
//   resolve the entity's owners from the catalog, which proves the migrations, the OpenAPI router
//   and the config schema were packed.
// It prints what it checked and exits non-zero on the first failure. The built `dist` folders are
// removed afterwards (`backstage-cli package clean`): the app and the tests use the sources.
// Run by the `package` step of scripts/test.sh after `yarn tsc` (the builds read dist-types).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = path.join(root, '.tooling', 'pack-check');
const yarn = ['node', path.join(root, '.yarn/releases/yarn-4.13.0.cjs')];
const token = 'pack-check-static-token-0123456789';
const builtins = new Set(builtinModules);

const packageDirs = fs
  .readdirSync(path.join(root, 'plugins'))
  .map(dir => path.join(root, 'plugins', dir))
  .filter(dir => fs.existsSync(path.join(dir, 'package.json')));

function run(cmd, args, cwd) {
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
}

function fail(message) {
  throw new Error(`pack-check: ${message}`);
}

/** Checks one unpacked archive: its manifest and the imports of its built code. */
function checkArchive(dir) {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(dir, 'package.json'), 'utf8'),
  );
  const name = manifest.name;
  for (const field of ['dependencies', 'peerDependencies']) {
    for (const [dep, range] of Object.entries(manifest[field] ?? {})) {
      if (range.startsWith('workspace:')) {
        fail(`${name}: ${field}.${dep} is still ${range}`);
      }
    }
  }
  const targets = [manifest.main, manifest.types, manifest.module];
  const collect = value => {
    if (typeof value === 'string') targets.push(value);
    else if (value && typeof value === 'object') {
      Object.values(value).forEach(collect);
    }
  };
  collect(manifest.exports);
  for (const target of targets.filter(Boolean)) {
    // `exports` conditions may name things that are not files (the `backstage` condition).
    if (!target.startsWith('.') && !target.includes('/')) continue;
    if (target.startsWith('@')) continue;
    if (!fs.existsSync(path.join(dir, target))) {
      fail(`${name}: ${target} (named in package.json) is not in the archive`);
    }
  }
  const declared = new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ]);
  let files = 0;
  let imports = 0;
  for (const file of walk(path.join(dir, 'dist'))) {
    if (!/\.((c|m)?js|d\.ts)$/.test(file)) continue;
    files += 1;
    const source = fs.readFileSync(file, 'utf8');
    const specifiers = [
      ...source.matchAll(/\brequire\(\s*'([^']+)'\s*\)/g),
      ...source.matchAll(/\bfrom\s*'([^']+)'/g),
      ...source.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g),
      ...source.matchAll(/^import\s+'([^']+)'/gm),
    ].map(match => match[1]);
    for (const specifier of specifiers) {
      imports += 1;
      if (specifier.startsWith('.')) {
        const resolved = path.resolve(path.dirname(file), specifier);
        if (
          !['', '.js', '.cjs', '.mjs', '.json'].some(ext =>
            fs.existsSync(resolved + ext),
          )
        ) {
          fail(
            `${name}: ${path.relative(
              dir,
              file,
            )} imports ${specifier}, which is not in the archive`,
          );
        }
        continue;
      }
      const packageName = specifier.startsWith('@')
        ? specifier.split('/').slice(0, 2).join('/')
        : specifier.split('/')[0];
      if (specifier.startsWith('node:') || builtins.has(packageName)) {
        continue;
      }
      if (!declared.has(packageName)) {
        fail(
          `${name}: ${path.relative(
            dir,
            file,
          )} imports ${specifier}, but ${packageName} is not a dependency`,
        );
      }
    }
  }
  if (files === 0) fail(`${name}: the archive holds no built code`);
  console.log(
    `pack-check: ${name}: archive checked (${files} built files, ${imports} imports, all its own or declared)`,
  );
  return manifest;
}

function* walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}

/**
 * Links every package the workspace installed, except its own `@stewardship` links, beside the
 * packed ones. The backend runs with --preserve-symlinks, so a package reached through these
 * links resolves its imports from here: `resolvePackagePath('@stewardship/…')` (in
 * backend-plugin-api) finds the packed package, as in an adopter's install, not the workspace.
 */
function linkInstalledPackages() {
  const installed = path.join(root, 'node_modules');
  for (const entry of fs.readdirSync(installed)) {
    if (entry === '@stewardship' || entry === '.bin' || entry.startsWith('.'))
      continue;
    fs.symlinkSync(
      path.join(installed, entry),
      path.join(work, 'node_modules', entry),
    );
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startBackend(port) {
  const catalogFile = path.join(work, 'catalog.yaml');
  fs.writeFileSync(
    catalogFile,
    `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: packed-service
  annotations:
    stewardship.io/business-owner: user:default/pat.owner
    stewardship.io/product-owner: User:Default/Pat.Owner
    stewardship.io/engineering-owner: group:packers
spec: { type: service, lifecycle: production, owner: group:default/packers }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: packers }
spec: { type: team, children: [], members: [pat.owner] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: pat.owner }
spec: { memberOf: [packers] }
`,
  );
  fs.writeFileSync(
    path.join(work, 'app-config.yaml'),
    `backend:
  baseUrl: http://127.0.0.1:${port}
  listen: { port: ${port}, host: 127.0.0.1 }
  database: { client: better-sqlite3, connection: ':memory:' }
  auth:
    externalAccess:
      - type: static
        options: { token: ${token}, subject: pack-check }
catalog:
  rules: [{ allow: [Component, System, API, Resource, Location, Domain, Group, User] }]
  locations: [{ type: file, target: ${catalogFile} }]
stewardship:
  metricSources:
    packed-prometheus: { type: prometheus, baseUrl: 'http://127.0.0.1:9' }
  slos: { evaluation: { schedule: { frequency: { hours: 1 }, timeout: { minutes: 1 }, initialDelay: { hours: 1 } } } }
techInsights:
  factRetrievers:
    stewardshipFactRetriever: { cadence: '0 0 1 1 *', initialDelay: { hours: 1 } }
`,
  );
  fs.writeFileSync(
    path.join(work, 'backend.cjs'),
    `// Written by scripts/pack-check.mjs: the backend README's install steps, from the packed packages.
const { createBackend } = require('@backstage/backend-defaults');
const backend = createBackend();
backend.add(require('@backstage/plugin-catalog-backend'));
backend.add(require('@stewardship/backstage-plugin-stewardship-backend-module-catalog'));
backend.add(require('@stewardship/backstage-plugin-stewardship-backend'));
backend.add(require('@backstage-community/plugin-tech-insights-backend'));
backend.add(require('@stewardship/backstage-plugin-stewardship-backend-module-tech-insights'));
backend.start();
`,
  );
  const log = fs.openSync(path.join(work, 'backend.log'), 'w');
  const child = spawn(
    process.execPath,
    ['--preserve-symlinks', 'backend.cjs', '--config', 'app-config.yaml'],
    { cwd: work, stdio: ['ignore', log, log] },
  );
  return child;
}

async function api(port, method, route, body) {
  const res = await fetch(`http://127.0.0.1:${port}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

async function waitFor(what, check, seconds) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) fail(`${what} within ${seconds} s`);
    await new Promise(resolve => setTimeout(resolve, 500));
  }
}

async function main() {
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(path.join(work, 'archives'), { recursive: true });
  // `yarn pack` rewrites package.json for publishing (prepack, keeping the original as
  // package.json-prepack) and restores it after (postpack). A run killed in between leaves the
  // rewritten one in the working tree: restore it before anything reads it.
  for (const dir of packageDirs) {
    if (fs.existsSync(path.join(dir, 'package.json-prepack'))) {
      console.log(
        `pack-check: restoring ${path.relative(
          root,
          dir,
        )}/package.json, left rewritten by an interrupted pack`,
      );
      run(yarn[0], [yarn[1], 'postpack'], dir);
    }
  }

  // Every plugin package built as its `yarn build` builds it, in one `backstage-cli repo build`
  // (the library packages only; the apps and the backend are not published): one CLI start and
  // builds side by side instead of one `yarn build` per package after another.
  run(yarn[0], [yarn[1], 'backstage-cli', 'repo', 'build'], root);
  const packed = [];
  for (const dir of packageDirs) {
    const rel = path.relative(root, dir);
    const archive = path.join(work, 'archives', `${path.basename(dir)}.tgz`);
    run(yarn[0], [yarn[1], 'pack', '--out', archive], dir);
    const name = JSON.parse(
      fs.readFileSync(path.join(dir, 'package.json'), 'utf8'),
    ).name;
    const target = path.join(work, 'node_modules', name);
    fs.mkdirSync(target, { recursive: true });
    run('tar', ['-xzf', archive, '-C', target, '--strip-components=1'], root);
    console.log(
      `pack-check: ${rel}: built and packed (${(
        fs.statSync(archive).size / 1024
      ).toFixed(0)} KB)`,
    );
    packed.push(target);
  }
  for (const target of packed) checkArchive(target);
  linkInstalledPackages();

  const port = await freePort();
  const backend = await startBackend(port);
  let exited = false;
  backend.on('exit', () => {
    exited = true;
  });
  try {
    await waitFor(
      'the packed backend did not get ready',
      async () => {
        if (exited)
          fail(
            'the packed backend exited (see .tooling/pack-check/backend.log)',
          );
        const res = await fetch(
          `http://127.0.0.1:${port}/.backstage/health/v1/readiness`,
        );
        return res.ok;
      },
      90,
    );
    console.log(`pack-check: the packed backend is ready on :${port}`);
    const ref = 'component:default/packed-service';
    await waitFor(
      'the catalog did not hold the test entity',
      async () =>
        (
          await api(
            port,
            'GET',
            '/api/catalog/entities/by-name/component/default/packed-service',
          )
        ).status === 200,
      60,
    );
    const created = await api(port, 'POST', '/api/stewardship/slos', {
      entityRef: 'packed-service',
      name: 'availability',
      sli: { type: 'ratio', good: 'up{job="a"}', total: 'up' },
      objective: 0.99,
      timeWindow: { type: 'rolling', duration: '28d' },
      metricSource: 'packed-prometheus',
    });
    if (created.status !== 201 || created.json?.entityRef !== ref) {
      fail(
        `POST /slos answered ${created.status}: ${created.text.slice(0, 300)}`,
      );
    }
    const listed = await api(
      port,
      'GET',
      '/api/stewardship/entities/component/default/packed-service/slos',
    );
    const names = (listed.json?.items ?? []).map(
      item => item.slo?.name ?? item.name,
    );
    if (listed.status !== 200 || !names.includes('availability')) {
      fail(
        `GET entities/…/slos answered ${listed.status}: ${listed.text.slice(
          0,
          300,
        )}`,
      );
    }
    const rejected = await api(port, 'POST', '/api/stewardship/slos', {
      entityRef: ref,
      name: 'Not A Name!',
    });
    if (rejected.status !== 400) {
      fail(
        `an invalid SLO answered ${rejected.status}, not 400 (the spec-driven router)`,
      );
    }
    const ownership = await api(
      port,
      'GET',
      '/api/stewardship/entities/component/default/packed-service/ownership',
    );
    const statuses = (ownership.json?.roles ?? []).map(
      role => `${role.role}=${role.status}`,
    );
    const expected = ['business=ok', 'product=ok', 'engineering=ok'];
    if (ownership.status !== 200 || expected.some(s => !statuses.includes(s))) {
      fail(
        `GET entities/…/ownership answered ${ownership.status}: ${
          statuses.join(', ') || ownership.text.slice(0, 300)
        }`,
      );
    }
    const relations = await api(
      port,
      'GET',
      '/api/catalog/entities/by-name/component/default/packed-service',
    );
    const relationTypes = new Set(
      (relations.json?.relations ?? []).map(r => r.type),
    );
    if (!relationTypes.has('businessOwnedBy')) {
      fail(
        `the catalog module did not add businessOwnedBy (relations: ${[
          ...relationTypes,
        ].join(', ')})`,
      );
    }
    const schemas = await api(
      port,
      'GET',
      '/api/tech-insights/fact-schemas?ids[]=stewardshipFactRetriever',
    );
    if (schemas.status !== 200 || !schemas.text.includes('stewardship')) {
      fail(
        `the Tech Insights module's fact schema is missing (${
          schemas.status
        }: ${schemas.text.slice(0, 200)})`,
      );
    }
    console.log(
      `pack-check: the packed backend created an SLO (201), listed it on ${ref}, refused an invalid one (400), resolved ${statuses.join(
        ', ',
      )}, and its catalog and Tech Insights modules loaded`,
    );
  } catch (error) {
    const log = fs.readFileSync(path.join(work, 'backend.log'), 'utf8');
    console.error(
      `pack-check: the packed backend's log ends:\n${log
        .split('\n')
        .slice(-15)
        .join('\n')}`,
    );
    throw error;
  } finally {
    backend.kill('SIGTERM');
    await new Promise(resolve => {
      const timer = setTimeout(() => {
        backend.kill('SIGKILL');
        resolve();
      }, 10_000);
      backend.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      if (exited) resolve();
    });
    if (!process.env.STEWARDSHIP_PACK_CHECK_KEEP) {
      for (const dir of packageDirs) {
        run(yarn[0], [yarn[1], 'clean'], dir);
      }
    }
  }
}

main().then(
  () => {
    // The links and unpacked packages are only for this run (kept after a failure, to look at).
    fs.rmSync(path.join(work, 'node_modules'), {
      recursive: true,
      force: true,
    });
    console.log('pack-check: passed');
  },
  error => {
    console.error(error.message ?? error);
    process.exit(1);
  },
);
