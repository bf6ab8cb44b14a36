/*
 * What the import does with YAML that the `yaml` library would throw on, read slowly, or read
 * differently from what the user meant. Expected counts and depths are computed here from the
 * text or from the library's own reading, not taken from the code under test.
 */
import { Lexer, parseAllDocuments } from 'yaml';
import { readYamlDocuments } from './readYamlDocuments';
import { IMPORT_LIMITS } from './scanYamlLimits';
import { ImportProblem } from './SpecDraft';

function read(text: string) {
  const problems: ImportProblem[] = [];
  const values = readYamlDocuments(text, problems);
  return { values, problems };
}

/** How deeply arrays and objects nest in a plain value; a scalar is 0. */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Object.values(value as object);
  return 1 + Math.max(0, ...children.map(depthOf));
}

const tokenCount = (text: string) => Array.from(new Lexer().lex(text)).length;

/** Event-loop time of `fn` in milliseconds. */
function elapsedMs(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

describe('readYamlDocuments', () => {
  describe('aliases', () => {
    it.each([
      ['an unknown alias', 'a: *nope', /Unresolved alias .*: nope/],
      [
        'an alias before its anchor',
        'a: *x\nb: &x 1',
        /Unresolved alias .*: x/,
      ],
    ])('reports %s as a problem of its document', (_, yaml, message) => {
      const { problems } = read(`a: 1\n---\n${yaml}\n`);
      expect(problems).toEqual([
        {
          document: 1,
          path: '',
          message: expect.stringMatching(message),
        },
      ]);
    });

    const uses = (n: number) =>
      `a: &a 1\nb: [${Array(n).fill('*a').join(', ')}]\n`;

    it(`accepts ${IMPORT_LIMITS.aliasesPerDocument} alias uses in a document`, () => {
      const n = IMPORT_LIMITS.aliasesPerDocument;
      const { values, problems } = read(`x: 1\n---\n${uses(n)}`);
      expect(problems).toEqual([]);
      expect(values[1]).toEqual({ a: 1, b: Array(n).fill(1) });
    });

    it(`rejects ${
      IMPORT_LIMITS.aliasesPerDocument + 1
    }, naming the limit and the document`, () => {
      const { problems } = read(
        `x: 1\n---\n${uses(IMPORT_LIMITS.aliasesPerDocument + 1)}`,
      );
      expect(problems).toEqual([
        {
          document: 1,
          path: '',
          message: `More than ${IMPORT_LIMITS.aliasesPerDocument} aliases (*name): a document may use at most ${IMPORT_LIMITS.aliasesPerDocument}`,
        },
      ]);
    });

    it('counts aliases per document', () => {
      const n = IMPORT_LIMITS.aliasesPerDocument;
      const { values, problems } = read(`${uses(n)}---\n${uses(n)}`);
      expect(problems).toEqual([]);
      expect(values).toHaveLength(2);
    });

    it('rejects aliases that expand exponentially within the alias limit', () => {
      // Nine aliases per level, ten levels: 90 uses that would expand to 9^9 values.
      let yaml = 'l0: &l0 [x, x, x, x, x, x, x, x, x]\n';
      for (let i = 1; i < 10; i++) {
        yaml += `l${i}: &l${i} [${Array(9)
          .fill(`*l${i - 1}`)
          .join(', ')}]\n`;
      }
      expect(tokenCount(yaml)).toBeLessThan(IMPORT_LIMITS.tokens);
      const { problems } = read(yaml);
      expect(problems).toEqual([
        {
          document: 0,
          path: '',
          message: expect.stringMatching(
            /^YAML alias error: the aliases expand/,
          ),
        },
      ]);
    });
  });

  describe('documents', () => {
    const stream = (n: number) =>
      Array.from({ length: n }, (_, i) => `n: ${i}\n`).join('---\n');

    it(`accepts ${IMPORT_LIMITS.documents} documents`, () => {
      const { values, problems } = read(stream(IMPORT_LIMITS.documents));
      expect(problems).toEqual([]);
      expect(values).toHaveLength(IMPORT_LIMITS.documents);
    });

    it(`rejects ${
      IMPORT_LIMITS.documents + 1
    }, naming the limit and the first document over it`, () => {
      const { values, problems } = read(stream(IMPORT_LIMITS.documents + 1));
      expect(values).toEqual([]);
      expect(problems).toEqual([
        {
          document: IMPORT_LIMITS.documents,
          path: '',
          message: `More than ${IMPORT_LIMITS.documents} documents: an import may hold at most ${IMPORT_LIMITS.documents}; split the file`,
        },
      ]);
    });

    it.each([
      ['a bare document, then marked ones', 'a: 1\n---\nb: 2\n---\nc: 3\n'],
      ['documents ended by ...', 'a: 1\n...\n---\nb: 2\n...\nc: 3\n'],
      ['empty documents', '---\n---\n---\na: 1\n---\n'],
      ['a directive and comments', '# c\n%YAML 1.2\n---\n# c\na: 1\n---\nb\n'],
      [
        'a document starting on its marker line',
        '--- a\n--- [b]\n--- {c: 1}\n',
      ],
    ])('counts documents as the YAML library does: %s', (_, text) => {
      // Documents before the tricky ones, so that they sit at the limit.
      const withPadding = (padding: number) =>
        `${'x: 1\n...\n'.repeat(padding)}${text}`;
      const count = (padding: number) =>
        Array.from(parseAllDocuments(withPadding(padding))).length;
      let padding = IMPORT_LIMITS.documents - count(0) - 1;
      while (count(padding) < IMPORT_LIMITS.documents) padding++;
      expect(count(padding)).toBe(IMPORT_LIMITS.documents);
      expect(read(withPadding(padding)).problems).toEqual([]);
      expect(count(padding + 1)).toBe(IMPORT_LIMITS.documents + 1);
      expect(read(withPadding(padding + 1)).problems).toEqual([
        expect.objectContaining({ document: IMPORT_LIMITS.documents }),
      ]);
    });
  });

  describe('nesting depth', () => {
    // Each builds a document nesting `depth` collections, the top-level mapping included.
    const shapes: Array<[string, (depth: number) => string]> = [
      ['flow sequences', d => `a: ${'['.repeat(d - 1)}${']'.repeat(d - 1)}\n`],
      [
        'flow mappings',
        d => `a: ${'{b: '.repeat(d - 1)}1${'}'.repeat(d - 1)}\n`,
      ],
      ['compact block sequences', d => `a:\n  ${'- '.repeat(d - 1)}x\n`],
      [
        'indented block mappings',
        d =>
          `${Array.from({ length: d }, (_, i) => `${'  '.repeat(i)}k:\n`).join(
            '',
          )}${'  '.repeat(d)}x\n`,
      ],
      [
        'sequences of mappings, each at its key’s column',
        d => {
          // k: / - k: / ··- k: ... each `- k:` line opens a sequence and a mapping.
          const pairs = Math.floor((d - 1) / 2);
          const lines = ['k:'];
          for (let i = 0; i < pairs; i++) lines.push(`${'  '.repeat(i)}- k:`);
          if (d % 2) lines[lines.length - 1] += ' x';
          else lines.push(`${'  '.repeat(pairs)}- x`);
          return `${lines.join('\n')}\n`;
        },
      ],
      [
        'block sequences holding flow ones',
        d => `- ${'['.repeat(d - 1)}1${']'.repeat(d - 1)}\n`,
      ],
    ];

    it.each(shapes)(
      `accepts ${IMPORT_LIMITS.depth} levels of %s`,
      (_, build) => {
        const yaml = build(IMPORT_LIMITS.depth);
        const { values, problems } = read(yaml);
        expect(problems).toEqual([]);
        // The depth the YAML library reads is the one intended.
        expect(depthOf(parseAllDocuments(yaml)[0].toJS())).toBe(
          IMPORT_LIMITS.depth,
        );
        expect(depthOf(values[0])).toBe(IMPORT_LIMITS.depth);
      },
    );

    it.each(shapes)(
      `rejects ${IMPORT_LIMITS.depth + 1} levels of %s`,
      (_, build) => {
        const yaml = `a: 1\n---\n${build(IMPORT_LIMITS.depth + 1)}`;
        expect(depthOf(parseAllDocuments(yaml)[1].toJS())).toBe(
          IMPORT_LIMITS.depth + 1,
        );
        expect(read(yaml).problems).toEqual([
          {
            document: 1,
            path: '',
            message: `Nested more than ${IMPORT_LIMITS.depth} collections deep: an imported document may nest at most ${IMPORT_LIMITS.depth}`,
          },
        ]);
      },
    );

    it('rejects explicit keys nested too deep', () => {
      expect(
        read(`${'? '.repeat(IMPORT_LIMITS.depth + 1)}x\n`).problems,
      ).toEqual([
        expect.objectContaining({
          message: expect.stringContaining('Nested more than'),
        }),
      ]);
    });

    it('does not count siblings or later documents as nesting', () => {
      const wide = Array.from(
        { length: 200 },
        (_, i) => `k${i}:\n  - a: 1\n    b: [1, {c: 2}]\n`,
      ).join('');
      const { values, problems } = read(`${wide}---\n${wide}`);
      expect(problems).toEqual([]);
      // k0 → sequence → mapping → b's sequence → the {c: 2} mapping
      expect(values.map(depthOf)).toEqual([5, 5]);
    });
  });

  describe('tokens', () => {
    const body = 'apiVersion: openslo/v1\nkind: SLO\n';
    // A comment line is two tokens: the comment and its line break.
    const padded = (tokens: number) => {
      const missing = tokens - tokenCount(body);
      const text = `${body}${'# pad\n'.repeat(Math.floor(missing / 2))}${
        missing % 2 ? '\n' : ''
      }`;
      expect(tokenCount(text)).toBe(tokens);
      return text;
    };

    it(`accepts ${IMPORT_LIMITS.tokens} tokens`, () => {
      const { values, problems } = read(padded(IMPORT_LIMITS.tokens));
      expect(problems).toEqual([]);
      expect(values).toEqual([{ apiVersion: 'openslo/v1', kind: 'SLO' }]);
    }, 60_000);

    it(`rejects ${IMPORT_LIMITS.tokens + 1}, naming the limit`, () => {
      expect(read(padded(IMPORT_LIMITS.tokens + 1)).problems).toEqual([
        {
          document: 0,
          path: '',
          message: expect.stringContaining(
            `More than ${IMPORT_LIMITS.tokens} YAML tokens`,
          ),
        },
      ]);
    }, 60_000);
  });

  it.each([
    ['100,000 documents', 'a: 1\n---\n'.repeat(100_000)],
    [
      '100,000-deep flow nesting',
      `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    ],
    ['100,000-deep block nesting', `${'- '.repeat(100_000)}x`],
    ['100,000 aliases', `a: &a 1\nb: [${'*a,'.repeat(100_000)}]`],
  ])('rejects the fuzzer’s body of %s before parsing it', (_, text) => {
    expect(text.length).toBeGreaterThanOrEqual(200_000);
    let problems: ImportProblem[] = [];
    // The full parse took 0.5–0.7 s on an idle machine (and far more on a loaded one).
    expect(elapsedMs(() => (problems = read(text).problems))).toBeLessThan(250);
    expect(problems).toHaveLength(1);
  });

  describe('tags', () => {
    it.each([
      ['!!binary aGVsbG8=', 'tag:yaml.org,2002:binary'],
      ['!!timestamp 2026-01-01', 'tag:yaml.org,2002:timestamp'],
      ['!!set {x}', 'tag:yaml.org,2002:set'],
      ['!!omap [x: 1]', 'tag:yaml.org,2002:omap'],
      ['!<tag:yaml.org,2002:binary> aGVsbG8=', 'tag:yaml.org,2002:binary'],
    ])('rejects %s, which would not be a string', (value, tag) => {
      const { problems } = read(`metadata:\n  name: ${value}\n`);
      expect(problems).toEqual([
        {
          document: 0,
          path: 'metadata.name',
          message: expect.stringContaining(`Unsupported tag ${tag}`),
        },
      ]);
    });

    it.each([
      ['a custom tag', 'a: !thing x\n', '!thing'],
      [
        'a %TAG handle',
        '%TAG !e! tag:example.com,2026:\n---\na: !e!x 1\n',
        'tag:example.com,2026:x',
      ],
    ])('rejects %s', (_, yaml, tag) => {
      expect(read(yaml).problems).toEqual([
        {
          document: 0,
          path: '',
          message: expect.stringContaining(`Unresolved tag: ${tag}`),
        },
      ]);
    });

    it('accepts the core tags', () => {
      const { values, problems } = read(
        'a: !!str 1\nb: !!int "2"\nc: !!bool true\nd: !!null ~\ne: !!map {x: 1}\nf: !!seq [1]\ng: ! x\n',
      );
      expect(problems).toEqual([]);
      expect(values).toEqual([
        { a: '1', b: 2, c: true, d: null, e: { x: 1 }, f: [1], g: 'x' },
      ]);
    });

    it('reads a %YAML 1.1 document with the YAML 1.2 core schema', () => {
      const { values, problems } = read(
        '%YAML 1.1\n---\na: yes\nb: 2026-01-01\n',
      );
      expect(problems).toEqual([]);
      expect(values).toEqual([{ a: 'yes', b: '2026-01-01' }]);
    });
  });

  describe('keys', () => {
    it.each([
      ['in YAML 1.2', ''],
      ['in a %YAML 1.1 document', '%YAML 1.1\n---\n'],
    ])('rejects merge keys (<<) %s', (_, directive) => {
      const { problems } = read(
        `${directive}base: &base {x: 1}\nspec:\n  <<: *base\n  y: 2\n`,
      );
      expect(problems).toEqual([
        {
          document: 0,
          path: 'spec',
          message: expect.stringMatching(
            /^Merge keys \(<<\) are not supported: write the fields out at line \d+, column 3$/,
          ),
        },
      ]);
    });

    it('reads a quoted "<<" as an ordinary key', () => {
      expect(read('"<<": 1\n').values).toEqual([{ '<<': 1 }]);
    });

    it.each([
      ['block', 'a: 1\nb:\n  c: 1\n  c: 2\n', 'b.c', 4, 3],
      ['flow', 'a: 1\nb: {c: 1, c: 2}\n', 'b.c', 2, 11],
      [
        'number and string spellings',
        'spec:\n  1: a\n  "1": b\n',
        'spec["1"]',
        3,
        3,
      ],
    ])(
      'rejects duplicate keys (%s) with their path and line',
      (_, yaml, path, line, column) => {
        expect(read(yaml).problems).toEqual([
          {
            document: 0,
            path,
            message: expect.stringMatching(
              new RegExp(
                `^Duplicate key .* at line ${line}, column ${column}$`,
              ),
            ),
          },
        ]);
      },
    );

    it('finds duplicates in one pass over a mapping of 12,000 keys', () => {
      // The library's own check compares every key with every other (minutes for this).
      const keys = Array.from({ length: 12_000 }, (_, i) => `k${i}: ${i}`);
      const yaml = `${keys.join('\n')}\nk7: again\n`;
      let problems: ImportProblem[] = [];
      expect(elapsedMs(() => (problems = read(yaml).problems))).toBeLessThan(
        10_000,
      );
      expect(problems).toEqual([
        expect.objectContaining({ path: 'k7', document: 0 }),
      ]);
    }, 60_000);

    it('rejects collections and aliases as keys', () => {
      expect(read('? [a]\n: 1\n').problems).toEqual([
        expect.objectContaining({
          path: '',
          message: expect.stringContaining('Keys must be plain scalars'),
        }),
      ]);
    });
  });

  describe('long lines', () => {
    it('reads a line of 900,000 characters', () => {
      const long = 'x'.repeat(900_000);
      expect(read(`a: ${long}\n`)).toEqual({
        values: [{ a: long }],
        problems: [],
      });
    });

    it('rejects an implicit key longer than 1024 characters as a syntax error', () => {
      expect(read(`${'k'.repeat(2000)}: 1\n`).problems).toEqual([
        {
          document: 0,
          path: '',
          message: expect.stringMatching(
            /^YAML syntax error: .*1024.* at line 1, column 1$/,
          ),
        },
      ]);
    });
  });

  it('reports at most 20 syntax problems per document', () => {
    const { problems } = read(`a: 1\n---\nb: [${','.repeat(500)}]\n`);
    expect(problems).toHaveLength(21);
    expect(problems[0]).toEqual({
      document: 1,
      path: '',
      message: expect.stringMatching(
        /^YAML syntax error: .* at line 3, column \d+$/,
      ),
    });
    expect(problems[20].message).toMatch(/^… and \d+ more YAML problems/);
  });
});
