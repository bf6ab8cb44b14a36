/*
 * Where this process' CPU goes while `fn` runs: a V8 CPU profile (node:inspector), its self time
 * summed by the part of the engine each function belongs to. For benchmarks that must say where
 * an overhead is.
 */
import { Session } from 'node:inspector/promises';

/** The parts, in print order. */
export const CPU_PARTS = [
  'HTTP client (native fetch)',
  'answer parsing and checks (JSON, zod, splitting the combined answer)',
  'evaluation math (windows, budgets, burn rates, explanations)',
  'snapshot store (knex, SQLite)',
  'garbage collection',
  'other (promises, timers, signals, benchmark code)',
] as const;

export type CpuPart = (typeof CPU_PARTS)[number];

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

function partOf({
  functionName,
  url,
}: ProfileNode['callFrame']): CpuPart | undefined {
  if (functionName === '(idle)') return undefined;
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (
    /undici|webstreams|internal\/streams|node:net|node:http|internal\/url/.test(
      url,
    ) ||
    (!url && /^(write|writev|read)/.test(functionName))
  ) {
    return 'HTTP client (native fetch)';
  }
  if (
    /metricSources\/|\/zod\//.test(url) ||
    (!url && /^parse$/.test(functionName))
  ) {
    return 'answer parsing and checks (JSON, zod, splitting the combined answer)';
  }
  if (
    /stewardship-common\/|luxon|slo\/SloEvaluator|slo\/sliQueries/.test(url)
  ) {
    return 'evaluation math (windows, budgets, burn rates, explanations)';
  }
  if (/database\/|knex|better-sqlite3/.test(url)) {
    return 'snapshot store (knex, SQLite)';
  }
  return 'other (promises, timers, signals, benchmark code)';
}

/** The V8 CPU profile of this process while `fn` runs. */
async function recordProfile(fn: () => Promise<unknown>) {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    await fn();
    return (await session.post('Profiler.stop')).profile;
  } finally {
    session.disconnect();
  }
}

/** Runs `fn` under the CPU profiler; returns milliseconds of CPU per part. */
export async function profileCpu(
  fn: () => Promise<unknown>,
): Promise<Map<CpuPart, number>> {
  const profile = await recordProfile(fn);
  const nodes = new Map(
    (profile.nodes as ProfileNode[]).map(node => [node.id, node]),
  );
  const parts = new Map<CpuPart, number>(CPU_PARTS.map(p => [p, 0]));
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  samples.forEach((id, i) => {
    const part = partOf(nodes.get(id)!.callFrame);
    if (part) parts.set(part, parts.get(part)! + (deltas[i] ?? 0) / 1000);
  });
  return parts;
}

/**
 * Runs `fn` under the CPU profiler; returns the functions with the most CPU time, self and
 * inclusive (the time of everything they called too), as printable lines. For finding where an
 * overhead is, not for committed figures.
 */
export async function profileTopFunctions(
  fn: () => Promise<unknown>,
  count = 25,
): Promise<string[]> {
  return profileTopFunctionsOfSteps(async profiled => profiled(fn), count);
}

/** Runs one step under the profiler (see {@link profileTopFunctionsOfSteps}). */
export type ProfiledStep = (step: () => Promise<unknown>) => Promise<void>;

/**
 * As {@link profileTopFunctions}, but only while the steps `fn` passes to `profiled` run,
 * summed over them: what `fn` does between steps (e.g. waiting for a cache to expire, while
 * the backend in this process works on) stays out of the figures.
 */
export async function profileTopFunctionsOfSteps(
  fn: (profiled: ProfiledStep) => Promise<void>,
  count = 25,
): Promise<string[]> {
  type Node = ProfileNode & {
    children?: number[];
    callFrame: { lineNumber: number };
  };
  const keyOf = ({ callFrame }: Node) =>
    `${callFrame.functionName || '(anonymous)'} ${callFrame.url
      .replace(/^.*node_modules\//, '')
      .replace(/^.*\/src\//, 'src/')}:${callFrame.lineNumber + 1}`;
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let busy = 0;
  const addProfile = (profile: Awaited<ReturnType<typeof recordProfile>>) => {
    const nodes = new Map(
      (profile.nodes as Node[]).map(node => [node.id, node]),
    );
    const parent = new Map<number, number>();
    for (const node of nodes.values()) {
      for (const child of node.children ?? []) parent.set(child, node.id);
    }
    const deltas = profile.timeDeltas ?? [];
    (profile.samples ?? []).forEach((id, i) => {
      const leaf = nodes.get(id)!;
      if (leaf.callFrame.functionName === '(idle)') return;
      const ms = (deltas[i] ?? 0) / 1000;
      busy += ms;
      self.set(keyOf(leaf), (self.get(keyOf(leaf)) ?? 0) + ms);
      const seen = new Set<string>();
      for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
        const key = keyOf(nodes.get(n)!);
        if (seen.has(key)) continue;
        seen.add(key);
        inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
      }
    });
  };
  await fn(async step => addProfile(await recordProfile(step)));
  const top = (map: Map<string, number>) =>
    [...map.entries()]
      .filter(([key]) => !/^\(root\)|^\(program\)/.test(key))
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([key, ms]) => `  ${ms.toFixed(1).padStart(8)} ms  ${key}`);
  return [
    `${busy.toFixed(0)} ms busy; self time:`,
    ...top(self),
    'inclusive time:',
    ...top(inclusive),
  ];
}
