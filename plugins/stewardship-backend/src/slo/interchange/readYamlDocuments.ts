/*
 * Reads the YAML stream of an import into plain values, turning everything the YAML library
 * would throw, or would read in ways a user did not mean, into problems of the document:
 *
 * - `IMPORT_LIMITS` are checked on the lexer's tokens first (see scanYamlLimits), so a hostile
 *   body never reaches the costly parse.
 * - YAML 1.2 core schema whatever the `%YAML` directive says: no `!!binary`, `!!timestamp`,
 *   `!!set` or custom tags (a problem, not a Buffer or Date), no merge keys (`<<`).
 * - Duplicate keys are found here in one pass: the library's own check compares every key with
 *   every other: 20,000 keys in one mapping held the event loop for over a minute (on a loaded
 *   2-core machine).
 * - Unknown aliases and alias expansion beyond the library's limit are problems, not a throw.
 * - A `__proto__` key anywhere is a problem: the plain objects the values become in later steps
 *   would drop it silently (a `__proto__` label was imported as no label at all).
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  Node,
  parseAllDocuments,
  Scalar,
} from 'yaml';
import { IMPORT_LIMITS, scanYamlLimits } from './scanYamlLimits';
import { childPath, ImportProblem } from './SpecDraft';
import { errorMessage } from '../../lib/errorMessage';

/**
 * The schema every import is read with. The export (stringifyPrintableYaml) quotes every string
 * this schema would read as something else, so what it writes comes back as written.
 */
export const IMPORT_YAML_SCHEMA = 'core';

const PARSE_OPTIONS = {
  schema: IMPORT_YAML_SCHEMA,
  merge: false,
  uniqueKeys: false,
  // Line and column are added below from one LineCounter, without an excerpt per error.
  prettyErrors: false,
} as const;

const CORE_TAGS = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map(
    name => `tag:yaml.org,2002:${name}`,
  ),
);

/** Syntax problems reported per document; a broken file can have thousands. */
const MAX_SYNTAX_PROBLEMS = 20;

/** The documents of `text` as plain values; undefined for a document with problems. */
export function readYamlDocuments(
  text: string,
  problems: ImportProblem[],
): unknown[] {
  const limit = scanYamlLimits(text);
  if (limit) {
    problems.push(limit);
    return [];
  }
  const lines = new LineCounter();
  const at = (offset: number | undefined) => {
    if (offset === undefined) return '';
    const { line, col } = lines.linePos(offset);
    return ` at line ${line}, column ${col}`;
  };
  const docs = parseAllDocuments(text, {
    ...PARSE_OPTIONS,
    lineCounter: lines,
  });
  return Array.from(docs, (doc, document) => {
    const found: ImportProblem[] = [];
    for (const issue of [...doc.errors, ...doc.warnings]) {
      found.push({
        document,
        path: '',
        message: `YAML syntax error: ${issue.message}${at(issue.pos[0])}`,
      });
    }
    if (!found.length) {
      checkNode(doc.contents, '', (path, message, node) =>
        found.push({
          document,
          path,
          message: `${message}${at(node.range?.[0])}`,
        }),
      );
    }
    if (found.length > MAX_SYNTAX_PROBLEMS) {
      const more = found.length - MAX_SYNTAX_PROBLEMS;
      found.splice(MAX_SYNTAX_PROBLEMS, more, {
        document,
        path: '',
        message: `… and ${more} more YAML problems in this document`,
      });
    }
    problems.push(...found);
    if (found.length) return undefined;
    try {
      // The library counts the anchor itself as one use.
      return doc.toJS({ maxAliasCount: IMPORT_LIMITS.aliasesPerDocument + 1 });
    } catch (error) {
      problems.push({ document, path: '', message: aliasProblem(error) });
      return undefined;
    }
  });
}

type Report = (path: string, message: string, node: Node) => void;

// Recursion is bounded by IMPORT_LIMITS.depth, checked before parsing.
function checkNode(node: unknown, path: string, report: Report) {
  if (isAlias(node) || !(isScalar(node) || isMap(node) || isSeq(node))) {
    return; // an alias is checked where its anchor is; null is an empty document
  }
  if (node.tag !== undefined && node.tag !== '!' && !CORE_TAGS.has(node.tag)) {
    report(
      path,
      `Unsupported tag ${node.tag}: write plain strings, numbers, booleans, lists and mappings`,
      node,
    );
  }
  if (isSeq(node)) {
    node.items.forEach((item, index) =>
      checkNode(item, childPath(path, index), report),
    );
  } else if (isMap(node)) {
    const keys = new Set<string>();
    for (const { key, value } of node.items) {
      if (!isScalar(key)) {
        report(
          path,
          'Keys must be plain scalars, not lists, mappings or aliases',
          node,
        );
        continue;
      }
      if (key.value === '<<' && key.type === Scalar.PLAIN) {
        report(
          path,
          'Merge keys (<<) are not supported: write the fields out',
          key,
        );
        continue;
      }
      // As the key will be in JavaScript: `1` and "1" are the same key.
      const name = String(key.value);
      const keyPath = childPath(path, name);
      if (name === '__proto__') {
        // No field or label has this name, and a plain object would drop it without a word (as
        // `labels` did): a problem, as JSON's `labels/__proto__` is a 400.
        report(
          keyPath,
          'The key "__proto__" is not allowed: no field or label may have this name',
          key,
        );
        continue;
      }
      if (keys.has(name)) {
        report(
          keyPath,
          `Duplicate key "${name}": each key may appear once`,
          key,
        );
      }
      keys.add(name);
      checkNode(key, keyPath, report);
      checkNode(value, keyPath, report);
    }
  }
}

function aliasProblem(error: unknown): string {
  const message = errorMessage(error);
  if (/excessive alias count/i.test(message)) {
    return `YAML alias error: the aliases expand to more than ${IMPORT_LIMITS.aliasesPerDocument} copies (an alias of a node that itself holds aliases counts each of them)`;
  }
  return `YAML alias error: ${message}`;
}
