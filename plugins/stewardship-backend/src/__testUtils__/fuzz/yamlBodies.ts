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
          events: {
            errorQuery: 'sum(rate(req_total{code="500"}[{{.window}}]))',
            totalQuery: 'sum(rate(req_all_total[{{.window}}]))',
          },
        },
        alerting: {
          name: 'SloBurn',
          pageAlert: { disable: file.ticketOnly },
          ticketAlert: { disable: false },
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

/**
 * Import bodies that must be refused with a 400 (the YAML library's guards and the import's
 * limits) rather than crash or stall the server: unknown and excessive aliases, 100,000
 * documents, deep nesting, custom tags, merge keys, duplicate keys, control characters, broken
 * YAML, and bodies that are not SLOs.
 */
export function badYamlArbitrary(hints: YamlHints): fc.Arbitrary<BadValue> {
  const bomb = (why: string, ...values: string[]) =>
    fc.constantFrom(...values).map(value => ({ value, why }));
  const valid = validYamlArbitrary(hints);
  return fc.oneof(
    bomb('unknown-alias', 'a: *nope\n'),
    bomb('unknown-alias', `${stringify({ apiVersion: 'openslo/v1' })}b: *x\n`),
    bomb(
      'many-aliases',
      `a: &a x\nb: [${Array.from({ length: 101 }, () => '*a').join(', ')}]\n`,
    ),
    bomb(
      'alias-expansion',
      `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n` +
        `c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`,
    ),
    bomb('many-documents', repeat('---\n', 100_000)),
    bomb('many-documents', repeat('a: 1\n---\n', 100_000)),
    bomb('deep-nesting', repeat('[', 100_000)),
    bomb('deep-nesting', `${repeat('[', 5000)}${repeat(']', 5000)}\n`),
    bomb('deep-nesting', `${repeat('{a: ', 3000)}1${repeat('}', 3000)}\n`),
    bomb(
      'deep-nesting',
      Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'),
    ),
    bomb('custom-tag', 'a: !!js/function "function () {}"\n'),
    bomb('custom-tag', 'a: !<tag:yaml.org,2002:python/object> {}\n'),
    bomb('merge-key', 'base: &b {apiVersion: openslo/v1}\nslo:\n  <<: *b\n'),
    bomb('duplicate-key', 'apiVersion: openslo/v1\napiVersion: openslo/v1\n'),
    bomb('malformed', '{{{', ': : :', '\t- a\n\tb', '"unterminated', '[1, 2'),
    bomb('not-an-slo', 'just a string\n', '- 1\n- 2\n', 'null\n', '42\n'),
    bomb('empty', ' ', '\n\n', '---\n', '# only a comment\n'),
    bomb('huge', `description: ${'a'.repeat(1_100_000)}\n`),
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
