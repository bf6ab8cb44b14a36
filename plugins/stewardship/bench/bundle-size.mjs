#!/usr/bin/env node
/*
 * The Stewardship plugin's share of the production app bundle.
 *
 *   yarn workspace app build && node plugins/stewardship/bench/bundle-size.mjs [--write] [--check]
 *
 * Reads packages/app/dist/static: the JavaScript files, their source maps and the lazy-loading
 * sites webpack writes into them (`Promise.all([r.e("2466"), r.e("6921")]).then(r.bind(r, 60592))`:
 * the chunks one `import()` loads). Then:
 *
 * - plugin code: every byte of generated code whose source map points into plugins/stewardship/
 *   or plugins/stewardship-common/ (the frontend plugin and the shared SLO math it bundles);
 * - plugin chunks: chunks that only the plugin's lazy imports load (its own chunks and libraries
 *   only it uses, e.g. the charts), counted whole;
 * - shared chunks: chunks a lazy import of the plugin loads that other parts of the app load too
 *   (e.g. d3 pieces Backstage's own graphs use), listed but not counted.
 *
 * Sizes are gzip at the default level (6), as a web server would send them. The plugin code inside
 * the initial bundle is gzipped on its own, which slightly overstates it (it shares no dictionary
 * with the code around it). --write also stores the report in bundle-size.txt beside this script.
 * Target (issue 8): ≤ 150 kB gzip for the whole plugin, the SLO tab lazy-loaded. Each view's line
 * says what opening it loads of the plugin's own chunks, the trade-off of grouping them (plugin.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const dist = path.join(root, 'packages/app/dist/static');
/**
 * Target (issue 8). With --check (the e2e step runs it after building the app), a plugin past it
 * fails CI: nothing measured the plugin from 4 to 7 December, when luxon came back into the
 * frontend unseen (21.8 kB) and it reached 198.6 kB. A feature that needs more says so in its own
 * change and raises this on purpose.
 */
const TARGET_KB = 150;

const isPluginSource = source =>
  /\/plugins\/stewardship(-common)?\/src\//.test(source);

const gzip = text => zlib.gzipSync(Buffer.from(text)).length;
const kb = bytes => `${(bytes / 1000).toFixed(1)} kB`;

const BASE64 =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes one source-map `mappings` segment (base64 VLQ) into its numbers. */
function decodeSegment(segment) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/** The generated code of a file, split into the text from plugin sources and the rest. */
function splitBySource(code, map) {
  const lines = code.split('\n');
  const mappingLines = map.mappings.split(';');
  let sourceIndex = 0;
  let plugin = '';
  let pluginSources = new Set();
  mappingLines.forEach((mappingLine, lineNo) => {
    const line = lines[lineNo] ?? '';
    let column = 0;
    const segments = mappingLine
      ? mappingLine.split(',').map(decodeSegment)
      : [];
    const starts = [];
    for (const segment of segments) {
      column += segment[0];
      if (segment.length >= 4) sourceIndex += segment[1];
      starts.push({
        column,
        source: segment.length >= 4 ? sourceIndex : undefined,
      });
    }
    starts.forEach((start, i) => {
      const end = i + 1 < starts.length ? starts[i + 1].column : line.length;
      const source =
        start.source === undefined ? undefined : map.sources[start.source];
      if (source && isPluginSource(source)) {
        plugin += line.slice(start.column, end);
        pluginSources.add(source);
      }
    });
  });
  pluginSources = [...pluginSources];
  return { plugin, pluginSources };
}

const files = fs
  .readdirSync(dist)
  .filter(f => f.endsWith('.js'))
  .sort();
if (files.length === 0) {
  process.stderr.write(
    `No JavaScript in ${dist}: run yarn workspace app build first.\n`,
  );
  process.exit(1);
}

/**
 * Named chunks (`import(/* webpackChunkName: "stewardship" *\/ …)`) are written as
 * `<name>.<hash>.chunk.js` but loaded by their numeric id: the runtime maps one to the other.
 */
const idOfName = new Map();
for (const file of files.filter(f => f.startsWith('runtime.'))) {
  const runtime = fs.readFileSync(path.join(dist, file), 'utf8');
  for (const [, id, name] of runtime.matchAll(/\b(\d+):"([\w-]+)"/g)) {
    idOfName.set(name, id);
  }
}

/** Per file: its chunk id (lazy chunks are `<id or name>.<hash>.chunk.js`), sizes and plugin code. */
const chunks = new Map();
for (const file of files) {
  const code = fs.readFileSync(path.join(dist, file), 'utf8');
  const mapFile = path.join(dist, `${file}.map`);
  const map = fs.existsSync(mapFile)
    ? JSON.parse(fs.readFileSync(mapFile, 'utf8'))
    : undefined;
  const split = map
    ? splitBySource(code, map)
    : { plugin: '', pluginSources: [] };
  const lazy = /^([^.]+)\.[0-9a-f]+\.chunk\.js$/.exec(file);
  const id = lazy ? idOfName.get(lazy[1]) ?? lazy[1] : file;
  chunks.set(id, {
    file,
    lazy: Boolean(lazy),
    code,
    raw: Buffer.byteLength(code),
    gzip: gzip(code),
    plugin: split.plugin,
    pluginSources: split.pluginSources,
  });
}

/** Every lazy-loading site: the chunk ids one `import()` loads. */
const sites = [];
const SITE =
  /(?:Promise\.all\(\[((?:[\w$]+\.e\("[^"]+"\),?)+)\]\)|([\w$]+\.e\("[^"]+"\)))\.then\([\w$]+\.bind\([\w$]+,\s*\d+\)\)(?:\.then\(\(?([\w$]+)\)?=>(?:\(\{default:)?\3\.(\w+)(?:\}\))?\))?/g;
/**
 * The component each of the plugin's lazy imports resolves to: `.then(m => m.EntitySlosContent)`
 * (an extension), `.then(m => ({ default: m.SloEditor }))` (React.lazy inside a view).
 */
const viewOfSite = new Map();
for (const { code } of chunks.values()) {
  for (const match of code.matchAll(SITE)) {
    const ids = [...(match[1] ?? match[2]).matchAll(/\.e\("([^"]+)"\)/g)].map(
      m => m[1],
    );
    sites.push(ids);
    if (match[4]) viewOfSite.set(ids, match[4]);
  }
}
const hasPlugin = id => (chunks.get(id)?.pluginSources.length ?? 0) > 0;
const pluginSites = sites.filter(ids => ids.some(hasPlugin));
const otherSites = sites.filter(ids => !ids.some(hasPlugin));
const usedElsewhere = new Set(otherSites.flat());
const pluginChunkIds = [...new Set(pluginSites.flat())].filter(
  id => chunks.has(id) && !usedElsewhere.has(id),
);
const sharedChunkIds = [...new Set(pluginSites.flat())].filter(
  id => chunks.has(id) && usedElsewhere.has(id),
);

const initial = [...chunks.values()].filter(c => !c.lazy);
const initialPlugin = initial.map(c => c.plugin).join('\n');
const sharedPlugin = sharedChunkIds.map(id => chunks.get(id).plugin).join('\n');
const pluginChunksGzip = pluginChunkIds.reduce(
  (sum, id) => sum + chunks.get(id).gzip,
  0,
);
const total = gzip(initialPlugin) + gzip(sharedPlugin) + pluginChunksGzip;
const appTotal = [...chunks.values()].reduce((sum, c) => sum + c.gzip, 0);

const describe = id => {
  const chunk = chunks.get(id);
  const own = chunk.pluginSources
    .map(s => s.replace(/^.*\/plugins\//, ''))
    .filter(s => /components\/[^/]+\/[^/]+$/.test(s))
    .map(s => s.split('/')[3])
    .filter((v, i, all) => all.indexOf(v) === i);
  const libraries = [
    ...new Set(
      (
        JSON.parse(
          fs.readFileSync(path.join(dist, `${chunk.file}.map`), 'utf8'),
        ).sources ?? []
      )
        .map(s => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(s)?.[1])
        .filter(Boolean),
    ),
  ];
  return `${chunk.file}: ${kb(chunk.gzip)} gzip (${kb(chunk.raw)} raw)${
    own.length ? `; components ${own.join(', ')}` : ''
  }${
    libraries.length
      ? `; libraries ${libraries.slice(0, 8).join(', ')}${
          libraries.length > 8 ? ', …' : ''
        }`
      : ''
  }`;
};

const sloSite = pluginSites.find(ids =>
  ids.some(id =>
    chunks
      .get(id)
      ?.pluginSources.some(s => s.endsWith('EntitySlosContent.tsx')),
  ),
);

const lines = [
  `Stewardship plugin share of the app bundle (packages/app/dist, ${new Date()
    .toISOString()
    .slice(0, 10)})`,
  `measured by plugins/stewardship/bench/bundle-size.mjs; gzip level 6`,
  '',
  `whole app: ${chunks.size} JavaScript files, ${kb(appTotal)} gzip`,
  '',
  `plugin code in the initial bundle: ${kb(gzip(initialPlugin))} gzip (${kb(
    Buffer.byteLength(initialPlugin),
  )} raw)`,
  `  from ${initial
    .flatMap(c => c.pluginSources)
    .map(s => s.replace(/^.*\/plugins\//, ''))
    .join(', ')}`,
  `plugin code in chunks shared with the rest of the app: ${kb(
    gzip(sharedPlugin),
  )} gzip`,
  `chunks only the plugin loads (lazy): ${kb(pluginChunksGzip)} gzip`,
  ...pluginChunkIds.map(id => `  ${describe(id)}`),
  `chunks the plugin shares with the rest of the app (not counted):`,
  ...sharedChunkIds.map(id => `  ${describe(id)}`),
  '',
  `whole plugin: ${kb(total)} gzip (target ≤ ${TARGET_KB} kB): ${
    total <= TARGET_KB * 1000 ? 'met' : 'MISSED'
  }`,
  sloSite
    ? `the SLO tab is lazy-loaded: opening it loads ${sloSite
        .map(id => `${id} (${kb(chunks.get(id)?.gzip ?? 0)})`)
        .join(', ')} = ${kb(
        sloSite.reduce((sum, id) => sum + (chunks.get(id)?.gzip ?? 0), 0),
      )} gzip, of which only the plugin loads ${kb(
        sloSite
          .filter(id => !usedElsewhere.has(id))
          .reduce((sum, id) => sum + (chunks.get(id)?.gzip ?? 0), 0),
      )}`
    : 'the SLO tab is NOT lazy-loaded: no import() site loads EntitySlosContent',
  '',
  'what opening each view, or a dialog or tab inside one, loads of the chunks only the plugin',
  'loads (a chunk loads once, for the first that needs it):',
  ...pluginSites
    .filter(ids => viewOfSite.has(ids))
    .map(ids => {
      const own = ids.filter(id => chunks.has(id) && !usedElsewhere.has(id));
      return `  ${viewOfSite.get(ids)}: ${kb(
        own.reduce((sum, id) => sum + chunks.get(id).gzip, 0),
      )} (${own.map(id => chunks.get(id).file.split('.')[0]).join(' + ')})`;
    })
    .sort(),
];
const report = `${lines.join('\n')}\n`;
process.stdout.write(report);
if (process.argv.includes('--write')) {
  fs.writeFileSync(path.join(here, 'bundle-size.txt'), report);
}
/**
 * Parts of a view most readers never open, loaded on their own (React.lazy; see plugin.ts), by
 * the module each is. With --check, none may be in a chunk a view loads: imported statically
 * again from a view's code, it would join the chunk every SLOs, Backlog and Stewardship page
 * visit loads, a growth the whole-plugin target does not see.
 */
const LAZY_PARTS = {
  SloEditor: 'components/SloEditor/SloEditor.tsx',
  SloImportDialog: 'components/SloEditor/SloImportDialog.tsx',
  PlanningReviewContent: 'components/PlanningReview/PlanningReviewContent.tsx',
};

if (process.argv.includes('--check')) {
  const problems = [];
  if (total > TARGET_KB * 1000) {
    problems.push(
      `the plugin is ${kb(total)} gzip, past its target of ${TARGET_KB} kB ` +
        `(TARGET_KB in plugins/stewardship/bench/bundle-size.mjs): find what grew in the ` +
        `chunks above, or raise the target on purpose`,
    );
  }
  const viewChunkIds = new Set(
    [...initial.map(c => c.file)].concat(
      pluginSites.filter(ids => !(viewOfSite.get(ids) in LAZY_PARTS)).flat(),
    ),
  );
  for (const [part, source] of Object.entries(LAZY_PARTS)) {
    const holding = [...viewChunkIds].filter(id =>
      chunks.get(id)?.pluginSources.some(s => s.endsWith(source)),
    );
    if (holding.length > 0) {
      problems.push(
        `${part} (${source}) is in ${holding
          .map(id => chunks.get(id).file)
          .join(', ')}, which a view loads: something imports it statically ` +
          `(see plugin.ts on the plugin's chunks)`,
      );
    }
  }
  if (problems.length > 0) {
    process.stderr.write(
      problems.map(problem => `bundle-size: ${problem}.\n`).join(''),
    );
    process.exit(1);
  }
}
