/*
 * Import of SLO definitions from OpenSLO v1 and Sloth files. A file is a YAML stream whose
 * documents may refer to each other by name (an SLO's `indicatorRef` to an SLI document, its
 * `alertPolicyRef` to an AlertPolicy...), so the documents are read in two passes: index every
 * named document, then convert each SLO. The import is all or nothing: one problem anywhere
 * rejects the file, and every problem found is reported with its document and path. The YAML is
 * read within IMPORT_LIMITS (see readYamlDocuments), so a hostile file costs little.
 */
import { SloSpec } from '@stewardship/backstage-plugin-stewardship-common';
import { z } from 'zod/v4';
import { ImportedSlo, ImportOptions, openSloToSpec } from './openSloToSpec';
import {
  IGNORED_OPENSLO_KINDS,
  OpenSloIndex,
  OpenSloKind,
  openSloDocumentSchemas,
  OpenSloSlo,
} from './openSloTypes';
import { slothServiceLevel, unknownSlothField } from './slothTypes';
import { slothToSpec } from './slothToSpec';
import { readYamlDocuments } from './readYamlDocuments';
import { below, documentName, DocumentPath, ImportProblem } from './SpecDraft';

export type { ImportOptions } from './openSloToSpec';
export type { ImportProblem } from './SpecDraft';

/** The outcome of an import: every SLO, or every problem. */
export type ImportSloDocumentsResult =
  | { slos: SloSpec[] }
  | { problems: ImportProblem[] };

const INDEXED = {
  SLI: 'slis',
  AlertPolicy: 'alertPolicies',
  AlertCondition: 'alertConditions',
} as const;

/** Reads SLOs from a YAML stream of OpenSLO v1 documents and/or Sloth `prometheus/v1` specs. */
export function importSloDocuments(
  yamlText: string,
  options: ImportOptions,
): ImportSloDocumentsResult {
  const result = readSloDocuments(yamlText, options);
  return 'problems' in result
    ? result
    : { slos: result.slos.map(({ spec }) => spec) };
}

/** As importSloDocuments, with where each SLO's name is in the documents. */
export function readSloDocuments(
  yamlText: string,
  options: ImportOptions,
): { slos: ImportedSlo[] } | { problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const values = readYamlDocuments(yamlText, problems);
  if (problems.length) return { problems };

  const index: OpenSloIndex = {
    slis: new Map(),
    alertPolicies: new Map(),
    alertConditions: new Map(),
  };
  const slos: Array<{ document: number; value: OpenSloSlo }> = [];
  const imported: ImportedSlo[] = [];

  values.forEach((value, document) => {
    const root = { document, path: '' };
    if (value === null || value === undefined) return; // an empty document, e.g. after a trailing ---
    if (typeof value !== 'object' || Array.isArray(value)) {
      problems.push({
        ...root,
        message:
          'Expected an OpenSLO document (apiVersion, kind) or a Sloth spec (version)',
      });
      return;
    }
    const fields = value as Record<string, unknown>;
    if ('version' in fields && !('apiVersion' in fields)) {
      if (fields.version !== 'prometheus/v1') {
        problems.push({
          ...below(root, 'version'),
          message: 'Only Sloth version prometheus/v1 is supported',
        });
        return;
      }
      const level = parse(
        slothServiceLevel['prometheus/v1'],
        fields,
        root,
        problems,
        field => unknownSlothField('prometheus/v1', field),
      );
      if (level) {
        imported.push(
          ...slothToSpec(level, root, 'prometheus/v1', options, problems),
        );
      }
      return;
    }
    if (
      fields.apiVersion === 'sloth.slok.dev/v1' &&
      fields.kind === 'PrometheusServiceLevel'
    ) {
      const at = below(root, 'spec');
      const level = parse(
        slothServiceLevel.kubernetes,
        fields.spec,
        at,
        problems,
        field => unknownSlothField('kubernetes', field),
      );
      if (level) {
        imported.push(
          ...slothToSpec(level, at, 'kubernetes', options, problems),
        );
      }
      return;
    }
    if (fields.apiVersion !== 'openslo/v1') {
      problems.push({
        ...below(root, 'apiVersion'),
        message:
          fields.apiVersion === undefined
            ? 'Required field missing: an OpenSLO document starts with apiVersion: openslo/v1 (a Sloth file with version: prometheus/v1)'
            : `Unsupported apiVersion ${JSON.stringify(
                fields.apiVersion,
              )}: expected openslo/v1 (or a Sloth prometheus/v1 spec)`,
      });
      return;
    }
    const kind = fields.kind as string;
    if (IGNORED_OPENSLO_KINDS.includes(kind)) return;
    if (!(kind in openSloDocumentSchemas)) {
      const kinds = [
        ...Object.keys(openSloDocumentSchemas),
        ...IGNORED_OPENSLO_KINDS,
      ].join(', ');
      problems.push({
        ...below(root, 'kind'),
        message:
          kind === undefined
            ? `Required field missing: give the document's kind, one of ${kinds}`
            : `Unsupported kind ${JSON.stringify(
                kind,
              )}: expected one of ${kinds}`,
      });
      return;
    }
    const parsed = parse(
      openSloDocumentSchemas[kind as OpenSloKind],
      fields,
      root,
      problems,
    );
    if (!parsed) return;
    if (parsed.kind === 'SLO') {
      slos.push({ document, value: parsed });
    } else if (parsed.kind !== 'DataSource') {
      // DataSources need no index: a metricSourceRef's name is our metric source, in or out of the file.
      const named = index[INDEXED[parsed.kind]] as Map<
        string,
        { document: number; value: unknown }
      >;
      if (named.has(parsed.metadata.name)) {
        problems.push({
          ...below(root, 'metadata', 'name'),
          message: `Another ${parsed.kind} is named "${
            parsed.metadata.name
          }" (${documentName(named.get(parsed.metadata.name)!.document)})`,
        });
      }
      named.set(parsed.metadata.name, { document, value: parsed });
    }
  });

  for (const { document, value } of slos) {
    const slo = openSloToSpec(value, document, { index, options, problems });
    if (slo) imported.push(slo);
  }
  reportDuplicates(imported, problems);
  if (!problems.length && !imported.length) {
    problems.push({
      document: 0,
      path: '',
      message:
        'No SLO found: expected OpenSLO v1 SLO documents or a Sloth prometheus/v1 spec',
    });
  }
  if (problems.length) {
    // Stable, so each document's problems stay in reading order.
    return { problems: problems.sort((a, b) => a.document - b.document) };
  }
  return { slos: imported };
}

function parse<S extends z.ZodType>(
  schema: S,
  value: unknown,
  at: DocumentPath,
  problems: ImportProblem[],
  /** The message for a field a strict schema does not know, named by its own path. */
  unknownField?: (field: string) => string,
): z.output<S> | undefined {
  const result = schema.safeParse(value, { error: missingFieldMessage });
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys' && unknownField) {
      for (const field of issue.keys) {
        problems.push({
          ...below(at, ...issue.path, field),
          message: unknownField(field),
        });
      }
    } else {
      problems.push({ ...below(at, ...issue.path), message: issue.message });
    }
  }
  return undefined;
}

/**
 * A field a document leaves out says it is missing; zod's default ("Invalid input: expected
 * string, received undefined") reads as if something undefined had been written. Any other
 * issue keeps zod's message.
 */
function missingFieldMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== 'invalid_type' || issue.input !== undefined) {
    return undefined;
  }
  const article = /^[aeiou]/.test(issue.expected) ? 'an' : 'a';
  return `Required field missing (expected ${article} ${issue.expected})`;
}

/** Names are unique per entity, so two SLOs of one entity with one name cannot both be created. */
function reportDuplicates(imported: ImportedSlo[], problems: ImportProblem[]) {
  const seen = new Map<string, DocumentPath>();
  for (const { spec, at } of imported) {
    const key = `${spec.entityRef} ${spec.name}`;
    const first = seen.get(key);
    if (first) {
      problems.push({
        ...at,
        // As the editor says it of a name already stored, with the entity named (a file may
        // hold several) and where the name is taken.
        message: `${spec.entityRef} already has an SLO named "${
          spec.name
        }" in ${documentName(first.document)}. Choose another name.`,
      });
    } else {
      seen.set(key, at);
    }
  }
}
