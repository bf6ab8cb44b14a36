import { SloSpec } from '@stewardship/backstage-plugin-stewardship-common';
import {
  formatProblemPath,
  parseSloSpec,
  SloSpecParseOptions,
} from '../sloSpecSchema';

/** A place in an import set: a document of the YAML stream and a path inside it. */
export interface DocumentPath {
  /** Index of the document in the YAML stream, from 0. */
  document: number;
  /** Path inside the document, e.g. `spec.objectives[0].target`; empty for the whole document. */
  path: string;
}

/**
 * How a person names a document: counted from 1, as people count ("the first document" is
 * document 1), while `DocumentPath.document` stays an index from 0.
 */
export function documentName(document: number): string {
  return `document ${document + 1}`;
}

/** A problem with an import set. */
export interface ImportProblem extends DocumentPath {
  message: string;
}

/** Appends keys to a document path: `childPath('spec', 'alertPolicies', 0)` → `spec.alertPolicies[0]`. */
export function childPath(base: string, ...keys: PropertyKey[]): string {
  const rest = formatProblemPath(keys);
  if (!base || !rest) return base + rest;
  return rest.startsWith('[') ? base + rest : `${base}.${rest}`;
}

/** A place below `at`: `below({ document: 1, path: 'spec' }, 'objectives', 0)`. */
export function below(at: DocumentPath, ...keys: PropertyKey[]): DocumentPath {
  return { document: at.document, path: childPath(at.path, ...keys) };
}

/**
 * An SLO being converted from a foreign format. It remembers which document path each spec field
 * came from, so that the problems `parseSloSpec` finds in the result point at the user's file
 * (`sli.good` → `spec.indicator.spec.ratioMetric.good.metricSource.spec.query`).
 */
export class SpecDraft {
  private readonly origins = new Map<string, DocumentPath>();
  // Fields the conversion already reported; validation would only repeat that they are missing.
  private readonly reported = new Set<string>();
  private failed = false;

  constructor(
    private readonly problems: ImportProblem[],
    /** Where problems without a better origin go, usually the document itself. */
    private readonly home: DocumentPath,
  ) {}

  /** Records that spec field `specPath` (e.g. `sli.good`) came from `origin`. */
  from(specPath: string, origin: DocumentPath): void {
    this.origins.set(specPath, origin);
  }

  /** Reports a problem in the documents; `specPath` names the spec field it leaves unfilled. */
  problem(at: DocumentPath, message: string, specPath?: string): void {
    this.failed = true;
    this.problems.push({ ...at, message });
    if (specPath) this.reported.add(specPath);
  }

  /** Validates the converted spec; undefined when it, or the conversion, had problems. */
  validate(
    candidate: Record<string, unknown>,
    options: SloSpecParseOptions = {},
  ): SloSpec | undefined {
    const result = parseSloSpec(candidate, options);
    if (result.ok) return this.failed ? undefined : result.spec;
    for (const { path, message } of result.problems) {
      if (![...this.reported].some(field => isWithin(path, field))) {
        this.problems.push(this.locate(path, message));
      }
    }
    return undefined;
  }

  private locate(specPath: string, message: string): ImportProblem {
    let best: string | undefined;
    for (const field of this.origins.keys()) {
      if (isWithin(specPath, field) && field.length > (best?.length ?? -1)) {
        best = field;
      }
    }
    const origin = best === undefined ? this.home : this.origins.get(best)!;
    // The document path points at the field as a whole; the spec path says which part is wrong.
    const exact = best === specPath;
    return {
      ...origin,
      message: exact ? message : `${specPath || 'SLO'}: ${message}`,
    };
  }
}

function isWithin(path: string, field: string): boolean {
  return (
    path === field ||
    path.startsWith(`${field}.`) ||
    path.startsWith(`${field}[`)
  );
}
