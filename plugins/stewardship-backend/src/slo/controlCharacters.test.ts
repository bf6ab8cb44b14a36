/*
 * Control characters in every free-text field of an SLO, through the three ways an SLO is
 * written: POST (parseSloSpec), PUT (parseSloUpdate) and import (importSloDocuments, which
 * validates with parseSloSpec and maps problems back into the documents).
 */
import { importSloDocuments } from './interchange';
import { parseSloSpec, parseSloUpdate } from './sloSpecSchema';

const valid = {
  entityRef: 'component:default/checkout',
  name: 'availability',
  description: 'Checkout works',
  sli: {
    type: 'ratio',
    good: 'sum(increase(ok_total{job="api"}[{{.window}}]))',
    total: 'sum(increase(all_total[{{.window}}]))',
  },
  objective: 0.999,
  timeWindow: { type: 'rolling', duration: '28d' },
  metricSource: 'prometheus',
  labels: { tier: 'critical' },
};

/** The same SLO as an OpenSLO document; `$x` placeholders take YAML scalars. */
const OPENSLO = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: availability
  labels: { $labelKey: $labelValue }
spec:
  description: $description
  service: checkout
  indicator:
    metadata: { name: availability-sli }
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource: { metricSourceRef: $metricSource, spec: { query: $good } }
        total:
          metricSource: { metricSourceRef: $metricSource, spec: { query: $total } }
  timeWindow: [{ duration: 28d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.999 }]
`;
const GOOD_QUERY = 'spec.indicator.spec.ratioMetric.good.metricSource';
const TOTAL_QUERY = 'spec.indicator.spec.ratioMetric.total.metricSource';

interface Field {
  /** Where the text goes in a POST/PUT body. */
  set: (text: string) => Record<string, unknown>;
  /** The problem path for a POST/PUT body. */
  path: string;
  /** The placeholder it fills in the OpenSLO document, and the document path it is reported at. */
  placeholder: string;
  documentPath: string;
  /** Whether tabs and line feeds are allowed. */
  freeText: boolean;
  /** A valid value the character is inserted into. */
  base: string;
}

const FIELDS: Record<string, Field> = {
  description: {
    set: text => ({ description: text }),
    path: 'description',
    placeholder: '$description',
    documentPath: 'spec.description',
    freeText: true,
    base: 'Checkout works',
  },
  'sli.good': {
    set: text => ({ sli: { ...valid.sli, good: text } }),
    path: 'sli.good',
    placeholder: '$good',
    documentPath: `${GOOD_QUERY}.spec.query`,
    freeText: true,
    base: valid.sli.good,
  },
  'sli.total': {
    set: text => ({ sli: { ...valid.sli, total: text } }),
    path: 'sli.total',
    placeholder: '$total',
    documentPath: `${TOTAL_QUERY}.spec.query`,
    freeText: true,
    base: valid.sli.total,
  },
  'label value': {
    set: text => ({ labels: { tier: text } }),
    path: 'labels.tier',
    placeholder: '$labelValue',
    documentPath: 'metadata.labels',
    freeText: false,
    base: 'critical',
  },
  'label key': {
    set: text => ({ labels: { [text]: 'critical' } }),
    path: 'labels',
    placeholder: '$labelKey',
    documentPath: 'metadata.labels',
    freeText: false,
    base: 'tier',
  },
  metricSource: {
    set: text => ({ metricSource: text }),
    path: 'metricSource',
    placeholder: '$metricSource',
    // Both metrics name it; the import reports it at the last one read.
    documentPath: `${TOTAL_QUERY}.metricSourceRef`,
    freeText: false,
    base: 'prometheus',
  },
};

const DEFAULTS: Record<string, string> = Object.fromEntries(
  Object.values(FIELDS).map(field => [field.placeholder, field.base]),
);

/** The OpenSLO document with `text` (a YAML double-quoted scalar) for one placeholder. */
function openSlo(placeholder: string, scalar: string): string {
  return OPENSLO.replace(/\$[a-zA-Z]+/g, name =>
    name === placeholder ? scalar : JSON.stringify(DEFAULTS[name]),
  );
}

/** A YAML double-quoted scalar writing every character outside printable ASCII as `\uXXXX`. */
function escapedYaml(text: string): string {
  return `"${[...text]
    .map(c => {
      const code = c.charCodeAt(0);
      if (c === '"' || c === '\\') return `\\${c}`;
      return code >= 0x20 && code < 0x7f
        ? c
        : `\\u${code.toString(16).padStart(4, '0')}`;
    })
    .join('')}"`;
}

const codePoint = (code: number) =>
  `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

// C1 (all three kinds of it), C0 (NUL, escape, vertical tab, CR) and DEL.
const CONTROLS = [0x80, 0x85, 0x9f, 0x00, 0x01, 0x0b, 0x0d, 0x1b, 0x7f];

const cases = Object.entries(FIELDS).flatMap(([label, field]) =>
  CONTROLS.map(code => ({ label, field, code, name: codePoint(code) })),
);

describe.each(cases)(
  '$label with control character $name',
  ({ field, code }) => {
    // In the middle, so that trimming cannot remove it.
    const text = `${field.base.slice(0, 2)}${String.fromCharCode(
      code,
    )}${field.base.slice(2)}`;
    const position = 3;
    const expected = expect.stringContaining(
      `control character ${codePoint(code)} at position ${position}`,
    );

    it('is rejected by POST validation, naming the field', () => {
      expect(parseSloSpec({ ...valid, ...field.set(text) })).toEqual({
        ok: false,
        problems: [
          {
            path: expect.stringMatching(new RegExp(`^${escapeRe(field.path)}`)),
            message: expected,
          },
        ],
      });
    });

    it('is rejected by PUT validation, naming the field', () => {
      expect(
        parseSloUpdate({ ...valid, ...field.set(text), version: 3 }),
      ).toEqual({
        ok: false,
        problems: [
          {
            path: expect.stringMatching(new RegExp(`^${escapeRe(field.path)}`)),
            message: expected,
          },
        ],
      });
    });

    it.each([
      ['escaped', escapedYaml(text)],
      ['raw', JSON.stringify(text)],
    ])(
      'is rejected by the import (%s in YAML), naming the document and field',
      (_, scalar) => {
        const yaml = openSlo(field.placeholder, scalar);
        // The YAML itself is fine: what it carries is not.
        const result = importSloDocuments(yaml, { defaultMetricSource: 'x' });
        expect(result).toEqual({
          problems: [
            { document: 0, path: field.documentPath, message: expected },
          ],
        });
      },
    );
  },
);

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('tabs and line feeds', () => {
  const withBreaks = (base: string) =>
    `${base.slice(0, 2)}\t\n${base.slice(2)}`;

  it.each(Object.entries(FIELDS).filter(([, field]) => field.freeText))(
    'are allowed in %s',
    (_, field) => {
      const text = withBreaks(field.base);
      const post = parseSloSpec({ ...valid, ...field.set(text) });
      expect(post.ok).toBe(true);
      const put = parseSloUpdate({ ...valid, ...field.set(text), version: 1 });
      expect(put.ok).toBe(true);
      const imported = importSloDocuments(
        openSlo(field.placeholder, JSON.stringify(text)),
        { defaultMetricSource: 'x' },
      );
      expect(imported).toEqual({ slos: [post.ok && post.spec] });
    },
  );

  it.each(Object.entries(FIELDS).filter(([, field]) => !field.freeText))(
    'are rejected in %s',
    (_, field) => {
      for (const code of [0x09, 0x0a]) {
        const text = `${field.base.slice(0, 2)}${String.fromCharCode(
          code,
        )}${field.base.slice(2)}`;
        const result = parseSloSpec({ ...valid, ...field.set(text) });
        expect(result).toEqual({
          ok: false,
          problems: [
            expect.objectContaining({
              message: expect.stringContaining(codePoint(code)),
            }),
          ],
        });
      }
    },
  );
});

describe('fields that were already closed to control characters', () => {
  it.each([
    ['name', { name: 'avail\u0085ability' }],
    ['entityRef', { entityRef: 'component:default/check\u0085out' }],
    [
      'timeWindow.timeZone',
      {
        timeWindow: {
          type: 'calendar',
          unit: 'month',
          timeZone: 'Europe/Ber\u0085lin',
        },
      },
    ],
    [
      'alertPolicies[0].name',
      {
        alertPolicies: [
          {
            name: 'pa\u0085ge',
            severity: 'page',
            burnRate: 14.4,
            longWindow: '1h',
            shortWindow: '5m',
          },
        ],
      },
    ],
  ])('%s', (path, changes) => {
    const result = parseSloSpec({ ...valid, ...changes });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map(p => p.path)).toEqual([path]);
  });
});

it('accepts non-control unicode in every free-text field', () => {
  const text = 'Zürich 東京 — 🚀 NBSP\u00a0ZWJ\u200d';
  const result = parseSloSpec({
    ...valid,
    description: text,
    labels: { [`équipe-${text}`]: text },
    metricSource: `prom-${text}`,
  });
  expect(result).toEqual({
    ok: true,
    spec: expect.objectContaining({
      description: text,
      labels: { [`équipe-${text}`]: text },
    }),
  });
});
