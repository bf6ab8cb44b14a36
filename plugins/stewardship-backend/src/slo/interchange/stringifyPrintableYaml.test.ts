/*
 * The export writes YAML any parser accepts: no character outside YAML's printable set (YAML 1.2
 * §5.1, written out here independently of the code under test), and the same values read back.
 */
import {
  SloDefinition,
  SloSpec,
} from '@stewardship/backstage-plugin-stewardship-common';
import { parseDocument, stringify } from 'yaml';
import { parseSloSpec } from '../sloSpecSchema';
import { exportOpenSlo } from './exportOpenSlo';
import { importSloDocuments } from './importSloDocuments';
import { stringifyPrintableYaml } from './stringifyPrintableYaml';

/** c-printable, minus U+0085/U+2028/U+2029 (line breaks to YAML 1.1) and U+FEFF (a BOM). */
function isPrintable(code: number): boolean {
  if (code === 0x85 || code === 0x2028 || code === 0x2029) return false;
  if (code === 0xfeff) return false;
  return (
    code === 0x09 ||
    code === 0x0a ||
    code === 0x0d ||
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    code >= 0x10000
  );
}

function unprintableIn(text: string): string[] {
  return [...text]
    .map(c => c.codePointAt(0)!)
    .filter(code => !isPrintable(code))
    .map(code => `U+${code.toString(16).padStart(4, '0')}`);
}

/** Reads `text` strictly: no errors or warnings, or the test fails. */
function readStrict(text: string): unknown {
  const document = parseDocument(text, { strict: true, uniqueKeys: true });
  expect([...document.errors, ...document.warnings]).toEqual([]);
  return document.toJS();
}

const UNPRINTABLE = [
  ...Array.from({ length: 0x20 }, (_, i) => i).filter(
    code => code !== 0x09 && code !== 0x0a,
  ),
  ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i), // DEL and C1
  0x2028,
  0x2029,
  0xfeff,
  0xfffe,
  0xffff,
].map(code => String.fromCharCode(code));

describe('stringifyPrintableYaml', () => {
  it.each(UNPRINTABLE.map(c => [c.charCodeAt(0).toString(16), c]))(
    'escapes U+%s in values, keys, list items and multi-line text',
    (_, c) => {
      const value = {
        plain: `a${c}b`,
        [`key${c}`]: 'v',
        list: [`${c}`, `x${c}`],
        multiLine: `first line${c}\nsecond line\n`,
        nested: { deeper: `${c}${c}` },
      };
      const text = stringifyPrintableYaml(value);
      expect(unprintableIn(text)).toEqual([]);
      expect(readStrict(text)).toEqual(value);
    },
  );

  it('round-trips every character of the Basic Multilingual Plane but surrogates', () => {
    const all = Array.from({ length: 0x10000 }, (_, code) => code)
      .filter(code => code < 0xd800 || code > 0xdfff)
      .map(code => String.fromCharCode(code))
      .join('');
    const value = { all, [all.slice(0, 300)]: all.slice(0x80, 0xa0) };
    const text = stringifyPrintableYaml(value);
    expect(unprintableIn(text)).toEqual([]);
    expect(readStrict(text)).toEqual(value);
  });

  it('writes printable data exactly as the yaml library does', () => {
    const value = {
      name: 'availability',
      description: 'Zürich 東京 — 🚀 "quoted" and\nmulti-line\n',
      labels: { 'team.io/tier': 'gold', empty: '' },
      numbers: [0.999, 14.4, 1],
    };
    expect(stringifyPrintableYaml(value)).toBe(
      stringify(value, { lineWidth: 0 }),
    );
  });
});

function spec(changes: Record<string, unknown>): SloSpec {
  const result = parseSloSpec({
    entityRef: 'component:default/checkout',
    name: 'availability',
    sli: { type: 'ratio', good: 'ok_total', total: 'all_total' },
    objective: 0.999,
    timeWindow: { type: 'rolling', duration: '30d' },
    metricSource: 'prometheus',
    ...changes,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.spec;
}

describe('exportOpenSlo text', () => {
  it('round-trips an SLO with unicode text through export and import', () => {
    const original = spec({
      description:
        'Zürich, 東京 and São Paulo — “curly quotes”, emoji 🚀🧪, NBSP\u00a0, ZWJ 👩\u200d💻,\nand a second line\twith a tab',
      sli: {
        type: 'ratio',
        good: 'sum(increase(http_requests_total{city="Zürich",name="東京"}[{{.window}}]))',
        total: 'sum(increase(http_requests_total{city="Zürich"}[{{.window}}]))',
      },
      labels: { équipe: 'paiements €', 地域: '東京', emoji: '🚀' },
      metricSource: 'prométhée',
    });
    const text = exportOpenSlo(original);
    expect(unprintableIn(text)).toEqual([]);
    readStrict(text);
    const imported = importSloDocuments(text, { defaultMetricSource: 'x' });
    expect(imported).toEqual({ slos: [original] });
  });

  it('writes readable YAML for an older SLO that holds control characters', () => {
    // Stored before validation rejected them: the export must still be valid YAML.
    const stored: SloDefinition = {
      ...spec({}),
      description: 'line\u0085next \u0080\u009f\u007f\u0001 end',
      labels: { 'ti\u0085er': 'gold\u009b' },
      sli: { type: 'ratio', good: 'ok\u0090_total', total: 'all_total' },
      id: '8f0c3a4e-6a44-4a7e-9d0e-0d3b1b8d1c2a',
      version: 1,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    const text = exportOpenSlo(stored);
    expect(unprintableIn(text)).toEqual([]);
    expect(readStrict(text)).toMatchObject({
      metadata: { labels: { 'ti\u0085er': 'gold\u009b' } },
      spec: {
        description: stored.description,
        indicator: {
          spec: {
            ratioMetric: {
              good: { metricSource: { spec: { query: 'ok\u0090_total' } } },
            },
          },
        },
      },
    });
  });

  it('writes strings a YAML 1.1 reader would take for booleans, numbers, dates or merges as strings', () => {
    // YAML 1.1 (PyYAML, Go's yaml.v2) reads these plain scalars as other types (YAML 1.1 type
    // repository: bool, int in base 8/16/60, float, timestamp, null, merge).
    const tricky = [
      'yes',
      'No',
      'ON',
      'off',
      'y',
      'n',
      '010',
      '0x10',
      '1:20',
      '1e3',
      '.inf',
      '2020-01-01',
      '~',
      'null',
      '<<',
    ];
    const value = {
      labels: Object.fromEntries(tricky.map((text, i) => [`k${i}`, text])),
      keys: Object.fromEntries(tricky.map(text => [text, 'value'])),
    };
    const text = stringifyPrintableYaml(value);
    const read1_1 = parseDocument(text, { version: '1.1', merge: true });
    expect([...read1_1.errors, ...read1_1.warnings]).toEqual([]);
    expect(read1_1.toJS()).toEqual(value);
    expect(readStrict(text)).toEqual(value);
  });
});
