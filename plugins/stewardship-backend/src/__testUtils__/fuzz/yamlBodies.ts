import fc from 'fast-check';
import { stringify } from 'yaml';
import {
  BadValue,
  controlCharacterText,
  emojiText,
  hugeText,
} from './badValues';

/** Values the server can accept, shared with the JSON bodies (see the fuzz test's hints). */
export interface YamlHints {
  service: fc.Arbitrary<string>;
  sloName: fc.Arbitrary<string>;
  metricSource: fc.Arbitrary<string>;
  query: fc.Arbitrary<string>;
}

const metricSpec = (source: string, query: string) => ({
  metricSource: {
    metricSourceRef: source,
    type: 'Prometheus',
    spec: { query },
  },
});

/** An OpenSLO v1 SLO with an inline ratio indicator, as a plain object. */
function openSloArbitrary(hints: YamlHints) {
  return fc
    .record({
      name: hints.sloName,
      service: hints.service,
      source: hints.metricSource,
      good: hints.query,
      total: hints.query,
      target: fc.double({ min: 0.5, max: 0.9999, noNaN: true }),
      duration: fc.constantFrom('28d', '7d', '30d'),
      description: fc.option(fc.string({ unit: 'grapheme', maxLength: 60 }), {
        nil: undefined,
      }),
    })
    .map(slo => ({
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: { name: slo.name },
      spec: {
        service: slo.service,
        ...(slo.description === undefined
          ? {}
          : { description: slo.description }),
        indicator: {
          metadata: { name: `${slo.name}-sli` },
          spec: {
            ratioMetric: {
              counter: true,
              good: metricSpec(slo.source, slo.good),
              total: metricSpec(slo.source, slo.total),
            },
          },
        },
        timeWindow: [{ duration: slo.duration, isRolling: true }],
        budgetingMethod: 'Occurrences',
        objectives: [{ target: slo.target }],
      },
    }));
}

/** A Sloth prometheus/v1 file with one or two SLOs. */
function slothArbitrary(hints: YamlHints) {
  return fc
    .record({
      service: hints.service,
      names: fc.array(hints.sloName, { minLength: 1, maxLength: 2 }),
      objective: fc.double({ min: 50, max: 99.99, noNaN: true }),
      ticketOnly: fc.boolean(),
    })
    .map(file => ({
      version: 'prometheus/v1',
      service: file.service,
      slos: file.names.map(name => ({
        name,
        objective: file.objective,
        sli: {
          // Sloth's prometheus/v1 spelling is snake_case.
          events: {
            error_query: 'sum(rate(req_total{code="500"}[{{.window}}]))',
            total_query: 'sum(rate(req_all_total[{{.window}}]))',
          },
        },
        alerting: {
          name: 'SloBurn',
          page_alert: { disable: file.ticketOnly },
          ticket_alert: { disable: false },
        },
      })),
    }));
}

/** One or two OpenSLO or Sloth documents, as the YAML text a client would send. */
export function validYamlArbitrary(hints: YamlHints): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof(openSloArbitrary(hints), slothArbitrary(hints)), {
      minLength: 1,
      maxLength: 2,
    })
    .map(documents => documents.map(document => stringify(document)))
    .map(texts => texts.join('---\n'));
}

const repeat = (unit: string, times: number) => unit.repeat(times);
const bombs = (why: string, ...values: string[]): BadValue[] =>
  values.map(value => ({ value, why }));

/**
 * Hostile or broken import bodies, every one sent by the fuzz step: unknown and excessive
 * aliases, alias expansion, 100,000 documents, deep nesting (flow and block), custom tags, merge
 * and duplicate keys, broken YAML, bodies that are not SLOs, and more than 1 MB. Each must be
 * refused with a 400 rather than crash or stall the server.
 */
export const YAML_BOMBS: BadValue[] = [
  ...bombs(
    'unknown-alias',
    'a: *nope\n',
    `${stringify({ apiVersion: 'openslo/v1' })}b: *x\n`,
  ),
  ...bombs(
    'many-aliases',
    `a: &a x\nb: [${Array.from({ length: 101 }, () => '*a').join(', ')}]\n`,
  ),
  ...bombs(
    'alias-expansion',
    [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      '',
    ].join('\n'),
  ),
  ...bombs(
    'many-documents',
    repeat('---\n', 100_000),
    repeat('a: 1\n---\n', 100_000),
  ),
  ...bombs(
    'deep-nesting',
    repeat('[', 100_000),
    `${repeat('[', 5000)}${repeat(']', 5000)}\n`,
    `${repeat('{a: ', 3000)}1${repeat('}', 3000)}\n`,
    Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'),
  ),
  ...bombs(
    'custom-tag',
    'a: !!js/function "function () {}"\n',
    'a: !<tag:yaml.org,2002:python/object> {}\n',
  ),
  ...bombs('merge-key', 'base: &b {apiVersion: openslo/v1}\nslo:\n  <<: *b\n'),
  ...bombs('duplicate-key', 'apiVersion: openslo/v1\napiVersion: openslo/v1\n'),
  ...bombs('malformed', '{{{', ': : :', '\t- a\n\tb', '"unterminated', '[1, 2'),
  ...bombs('not-an-slo', 'just a string\n', '- 1\n- 2\n', 'null\n', '42\n'),
  ...bombs('empty', ' ', '\n\n', '---\n', '# only a comment\n'),
  ...bombs('huge', `description: ${'a'.repeat(1_100_000)}\n`),
];

/**
 * Bad import bodies: the YAML bombs, and valid files with control characters or emoji smuggled
 * into their names, queries or services, or padded to nearly 1 MB.
 */
export function badYamlArbitrary(hints: YamlHints): fc.Arbitrary<BadValue> {
  const valid = validYamlArbitrary(hints);
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...YAML_BOMBS) },
    hugeText(900_000).map(text => ({ value: `a: ${text}\n`, why: 'huge' })),
    fc.tuple(valid, controlCharacterText).map(([yaml, text]) => ({
      value: yaml.replace(/name: /, `name: ${JSON.stringify(text)}`),
      why: 'control-character',
    })),
    fc.tuple(valid, controlCharacterText).map(([yaml, text]) => ({
      value: yaml.replace(/query: /g, `query: ${JSON.stringify(text)}`),
      why: 'control-character',
    })),
    fc.tuple(valid, controlCharacterText).map(([yaml, text]) => ({
      value: `${yaml}\n# ${text}\n`.replace(/service: /, `service: ${text}`),
      why: 'control-character',
    })),
    fc.tuple(valid, emojiText).map(([yaml, text]) => ({
      value: yaml.replace(/service: /, `service: ${text}`),
      why: 'emoji',
    })),
  );
}
