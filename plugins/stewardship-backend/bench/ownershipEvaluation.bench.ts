/*
 * Benchmark: evaluate ownership for 10,000 generated catalog entities in memory, the way the
 * scorecard does after its one paged catalog read. Run with `yarn bench:ownership` in this
 * package; the latest output is committed beside this file as ownershipEvaluation.bench.txt.
 *
 * Target (issue #2): <= 1 s for the evaluation itself on a 2-core machine.
 */
import { Entity } from '@backstage/catalog-model';
import os from 'os';
import { performance } from 'perf_hooks';
import { evaluateCatalogEntities } from '../src/ownership/CatalogOwnershipReader';
import { buildScorecard } from '../src/ownership/buildScorecard';
import { DEFAULT_OWNERSHIP_POLICY } from '../src/ownership/OwnershipPolicy';

const COMPONENTS = 10_000;
const SYSTEMS = 200;
const DOMAINS = 20;
const GROUPS = 100;
const USERS = 1_000;
const RUNS = 7;

const ANNOTATIONS = [
  'stewardship.io/business-owner',
  'stewardship.io/product-owner',
  'stewardship.io/engineering-owner',
];

function meta(name: string, annotations?: Record<string, string>) {
  return { name, namespace: 'default', annotations };
}

/** A deterministic mix of every status: own, inherited, missing, unresolved, invalid, orphaned. */
function ownerValue(i: number): string | undefined {
  switch (i % 10) {
    case 0:
    case 1:
    case 2:
      return `user:default/user-${i % USERS}`;
    case 3:
    case 4:
      return `group:default/group-${i % GROUPS}`;
    case 5:
      return undefined; // inherit or missing
    case 6:
      return `user:default/ghost-${i}`;
    case 7:
      return `user:default/user-1, user:default/user-2`;
    case 8:
      return 'group:default/empty-group';
    default:
      return i % 3 ? `user:default/user-${i % USERS}` : undefined;
  }
}

function annotationsFor(i: number) {
  const annotations: Record<string, string> = {};
  ANNOTATIONS.forEach((key, k) => {
    const value = ownerValue(i * 3 + k);
    if (value) annotations[key] = value;
  });
  return annotations;
}

function generateCatalog(): Entity[] {
  const entities: Entity[] = [];
  for (let g = 0; g < GROUPS; g++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: meta(`group-${g}`),
      spec: { type: 'team', children: [] },
      relations: Array.from({ length: USERS / GROUPS }, (_, m) => ({
        type: 'hasMember',
        targetRef: `user:default/user-${g * (USERS / GROUPS) + m}`,
      })),
    });
  }
  entities.push({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: meta('empty-group'),
    spec: { type: 'team', children: [] },
    relations: [],
  });
  for (let u = 0; u < USERS; u++) {
    const groupRef = `group:default/group-${Math.floor(u / (USERS / GROUPS))}`;
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: meta(`user-${u}`),
      spec: { memberOf: [groupRef], profile: { displayName: `User ${u}` } },
      relations: [{ type: 'memberOf', targetRef: groupRef }],
    });
  }
  for (let d = 0; d < DOMAINS; d++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Domain',
      metadata: meta(`domain-${d}`, annotationsFor(d)),
      spec: { owner: `group:default/group-${d}` },
    });
  }
  for (let s = 0; s < SYSTEMS; s++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: meta(`system-${s}`, annotationsFor(s + 7)),
      spec: {
        owner: `group:default/group-${s % GROUPS}`,
        domain: `domain-${s % DOMAINS}`,
      },
    });
  }
  for (let c = 0; c < COMPONENTS; c++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: c % 5 === 0 ? 'API' : 'Component',
      metadata: meta(`component-${c}`, annotationsFor(c + 13)),
      spec: {
        type: c % 5 === 0 ? 'openapi' : 'service',
        lifecycle: 'production',
        owner: `group:default/group-${c % GROUPS}`,
        system: `system-${c % SYSTEMS}`,
      },
    });
  }
  return entities;
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const catalog = generateCatalog();
const evaluationMs: number[] = [];
const scorecardMs: number[] = [];
let evaluated = 0;
let compliant = 0;
for (let run = 0; run < RUNS; run++) {
  const start = performance.now();
  const evaluations = evaluateCatalogEntities(
    catalog,
    DEFAULT_OWNERSHIP_POLICY,
  );
  const evaluatedAt = performance.now();
  const scorecard = buildScorecard(
    evaluations,
    { filter: {}, groupBy: 'system', offset: 0, limit: 50 },
    [],
  );
  scorecardMs.push(performance.now() - evaluatedAt);
  evaluationMs.push(evaluatedAt - start);
  evaluated = evaluations.length;
  compliant = scorecard.summary.compliant;
}

const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
console.log(`ownership evaluation benchmark — ${new Date().toISOString()}`);
console.log(
  `machine: ${os.cpus().length} cores, ${cpu}, node ${process.version}`,
);
console.log(
  `catalog: ${
    catalog.length
  } entities (${COMPONENTS} components/APIs, ${SYSTEMS} systems, ${DOMAINS} domains, ${
    GROUPS + 1
  } groups, ${USERS} users)`,
);
console.log(`evaluated: ${evaluated} entities, ${compliant} compliant`);
console.log(
  `evaluation: median ${median(evaluationMs).toFixed(1)} ms, min ${Math.min(
    ...evaluationMs,
  ).toFixed(1)} ms, max ${Math.max(...evaluationMs).toFixed(
    1,
  )} ms over ${RUNS} runs (first run includes JIT warm-up)`,
);
console.log(
  `scorecard build (filter, group by system, page): median ${median(
    scorecardMs,
  ).toFixed(1)} ms`,
);
const target = 1000;
console.log(
  `target: evaluation <= ${target} ms — ${
    Math.max(...evaluationMs) <= target ? 'met' : 'NOT met'
  } (worst run)`,
);
