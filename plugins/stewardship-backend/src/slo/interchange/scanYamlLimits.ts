/*
 * A cheap first look at an import body, before the YAML library builds documents from it.
 *
 * Building documents costs about ten times what the library's lexer costs, and it runs on the
 * event loop: a 1 MB body of 100,000 tiny documents or 100,000 nested brackets held it for more
 * than half a second. So the limits that bound that cost are checked here, on the lexer's tokens,
 * stopping at the first one exceeded; a hostile body is rejected after reading only as far as
 * the limit.
 *
 * Depth is counted as the parser would nest collections: `[` and `{` open a flow collection;
 * `-`, `?` and a key's `:` open a block collection at their column (a key's column is where the
 * key starts), which ends when a later line starts left of it. It may count one level too many
 * for unusual layouts, never too few.
 */
import { CST, Lexer } from 'yaml';
import { ImportProblem } from './SpecDraft';

/** What one import may hold; documented in the backend README. */
export const IMPORT_LIMITS = {
  /** Documents in the YAML stream, empty ones included. */
  documents: 200,
  /** Collections (mappings and sequences) nested in one another; a document's top level is 1. */
  depth: 64,
  /** Alias uses (`*name`) in one document; the same as the YAML library's expansion limit. */
  aliasesPerDocument: 100,
  /** Tokens of the YAML library's lexer: scalars, indicators, line breaks, comments... */
  tokens: 100_000,
} as const;

type BlockKind = 'map' | 'seq';

/** Checks `IMPORT_LIMITS` on the lexer's tokens; the first limit exceeded, as a problem. */
export function scanYamlLimits(text: string): ImportProblem | undefined {
  let tokens = 0;
  let document = -1;
  let inDocument = false;
  let aliases = 0;
  let flowDepth = 0;
  let blocks: Array<{ column: number; kind: BlockKind }> = [];
  let column = 0;
  // Where the node that started on this line (after any `-`, `?` or `:`) begins: a key's column.
  let nodeColumn: number | undefined;
  let scalarSource = false;

  const problem = (message: string): ImportProblem => ({
    document: Math.max(document, 0),
    path: '',
    message,
  });
  const tooDeep = () =>
    problem(
      `Nested more than ${IMPORT_LIMITS.depth} collections deep: an imported document may nest at most ${IMPORT_LIMITS.depth}`,
    );
  const startDocument = () => {
    document += 1;
    inDocument = true;
    aliases = 0;
    flowDepth = 0;
    blocks = [];
    nodeColumn = undefined;
  };
  const openBlock = (at: number, kind: BlockKind) => {
    const top = () => blocks[blocks.length - 1];
    // A sequence may sit at its parent key's column; a key at that column ends the sequence.
    while (
      blocks.length &&
      (top().column > at ||
        (top().column === at &&
          top().kind !== kind &&
          blocks[blocks.length - 2]?.column === at))
    ) {
      blocks.pop();
    }
    if (!blocks.length || top().column < at || top().kind !== kind) {
      blocks.push({ column: at, kind });
    }
    return blocks.length + flowDepth > IMPORT_LIMITS.depth;
  };

  for (const token of new Lexer().lex(text)) {
    tokens += 1;
    if (tokens > IMPORT_LIMITS.tokens) {
      return problem(
        `More than ${IMPORT_LIMITS.tokens} YAML tokens (about 400 KB of typical SLO YAML): split the import`,
      );
    }
    const start = column;
    if (scalarSource) {
      // The source of a plain or block scalar, announced by the lexer's scalar marker.
      scalarSource = false;
      nodeColumn ??= start;
    } else {
      const type = CST.tokenType(token);
      if (
        type === 'doc-mode' ||
        type === 'scalar' ||
        type === 'flow-error-end'
      ) {
        // Markers the lexer adds; they are not in the text.
        scalarSource = type === 'scalar';
        if (type === 'flow-error-end') flowDepth = 0;
        if (type === 'scalar' && !inDocument) startDocument();
        continue;
      }
      switch (type) {
        case 'doc-start':
          startDocument();
          break;
        case 'doc-end':
          inDocument = false;
          break;
        case 'byte-order-mark':
        case 'directive-line':
        case 'space':
        case 'comment':
        case 'newline':
          break;
        default:
          if (!inDocument) startDocument();
      }
      if (document >= IMPORT_LIMITS.documents) {
        return problem(
          `More than ${IMPORT_LIMITS.documents} documents: an import may hold at most ${IMPORT_LIMITS.documents}; split the file`,
        );
      }
      switch (type) {
        case 'alias':
          aliases += 1;
          if (aliases > IMPORT_LIMITS.aliasesPerDocument) {
            return problem(
              `More than ${IMPORT_LIMITS.aliasesPerDocument} aliases (*name): a document may use at most ${IMPORT_LIMITS.aliasesPerDocument}`,
            );
          }
          nodeColumn ??= start;
          break;
        case 'flow-map-start':
        case 'flow-seq-start':
          flowDepth += 1;
          if (flowDepth === 1) nodeColumn ??= start;
          if (blocks.length + flowDepth > IMPORT_LIMITS.depth) return tooDeep();
          break;
        case 'flow-map-end':
        case 'flow-seq-end':
          flowDepth = Math.max(flowDepth - 1, 0);
          break;
        case 'seq-item-ind':
        case 'explicit-key-ind':
          if (flowDepth === 0) {
            if (openBlock(start, type === 'seq-item-ind' ? 'seq' : 'map')) {
              return tooDeep();
            }
            nodeColumn = undefined;
          }
          break;
        case 'map-value-ind':
          if (flowDepth === 0) {
            if (openBlock(nodeColumn ?? start, 'map')) return tooDeep();
            nodeColumn = undefined;
          }
          break;
        case 'anchor':
        case 'tag':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
          nodeColumn ??= start;
          break;
        default:
      }
    }
    const lineBreak = token.lastIndexOf('\n');
    if (lineBreak === -1) {
      column += token.length;
    } else {
      column = token.length - lineBreak - 1;
      nodeColumn = undefined;
    }
  }
  return undefined;
}
