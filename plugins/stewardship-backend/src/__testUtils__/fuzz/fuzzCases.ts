import fc from 'fast-check';
import { badParameterValues } from './badValues';
import { mutateJsonBody } from './mutateJsonBody';
import { Operation, Parameter } from './operations';
import { Hints, Schema, schemaArbitrary } from './schemaArbitrary';
import { YamlHints, badYamlArbitrary, validYamlArbitrary } from './yamlBodies';

/**
 * A stored SLO, chosen when the request is sent (the fuzzer creates and deletes SLOs as it goes):
 * `any` among the live ones, `deletable` among those the fuzzer created itself.
 */
export interface SloChoice {
  $slo: 'any' | 'deletable';
  index: number;
}

/** A stored incident, or an action item of the incident the path names, chosen when sent. */
export interface IncidentChoice {
  $incident: 'incident' | 'actionItem';
  index: number;
}

/**
 * An ownership exemption of the entity the path names, or a correction of the SLO it names,
 * chosen when sent.
 */
export interface ChildChoice {
  $child: 'exemption' | 'correction';
  index: number;
}

/** Something stored that a path parameter names. */
export type StoredChoice = SloChoice | IncidentChoice | ChildChoice;

/** Path parameters naming a stored exemption or correction, and what they name. */
const CHILD_PARAMETERS: Record<string, ChildChoice['$child']> = {
  exemptionId: 'exemption',
  correctionId: 'correction',
};

/** In a body: the current version of the SLO the path names, looked up when sending. */
export const CURRENT_VERSION = { $version: true } as const;

/** One generated request, before stored SLOs are chosen. */
export interface FuzzCase {
  operation: Operation;
  /** `valid`, or what was broken, e.g. `query.limit out-of-range`. */
  label: string;
  /** The parameter or body field a mutation broke; a 400 should name it. */
  target?: string;
  pathParams: Record<string, string | StoredChoice>;
  /** Path parameters sent exactly as given (malformed percent-encodings). */
  rawPathParams?: Record<string, string>;
  query: Array<[string, string]>;
  /** Appended to the query string as is. */
  rawQuery?: string;
  body?: { contentType: string; value?: unknown; text?: string };
}

export interface CaseHints {
  /**
   * By body property name, `query.<name>` / `path.<name>` for parameters, and
   * `body.<operationId>` for a whole JSON body.
   */
  values: Hints;
  /** Valid `{ kind, namespace, name }` of catalog entities. */
  entityPaths: fc.Arbitrary<Record<string, string>>;
  yaml: YamlHints;
}

const JSON_TYPE = 'application/json';

/**
 * A path parameter naming something stored: an SLO, an incident, an action item, an exemption
 * or a correction.
 */
const isStoredId = (parameter: Parameter) =>
  parameter.in === 'path' &&
  (['id', 'itemId'].includes(parameter.name) ||
    parameter.name in CHILD_PARAMETERS);

function parameterValue(spec: Schema, parameter: Parameter, hints: CaseHints) {
  if (isStoredId(parameter)) return undefined;
  return schemaArbitrary(
    spec,
    parameter.schema,
    hints.values,
    `${parameter.in}.${parameter.name}`,
  );
}

/** Mostly something stored (chosen when sent), now and then an id of nothing stored. */
function storedOrNot(
  choice: (index: number) => StoredChoice,
): fc.Arbitrary<string | StoredChoice> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.nat().map(choice) },
    { weight: 1, arbitrary: fc.uuid() },
  );
}

/** Requests a correct client could send (the server may still refuse them on domain rules). */
export function validCase(
  spec: Schema,
  operation: Operation,
  hints: CaseHints,
): fc.Arbitrary<FuzzCase> {
  const pathParams: Record<string, fc.Arbitrary<string | StoredChoice>> = {};
  const queryParams: Record<string, fc.Arbitrary<string>> = {};
  const requiredQuery: string[] = [];
  for (const parameter of operation.parameters) {
    if (isStoredId(parameter) && operation.path.startsWith('/incidents/')) {
      const kind: IncidentChoice['$incident'] =
        parameter.name === 'id' ? 'incident' : 'actionItem';
      pathParams[parameter.name] = storedOrNot(
        (index): IncidentChoice => ({ $incident: kind, index }),
      );
    } else if (parameter.in === 'path' && parameter.name in CHILD_PARAMETERS) {
      const child = CHILD_PARAMETERS[parameter.name];
      pathParams[parameter.name] = storedOrNot(
        (index): ChildChoice => ({ $child: child, index }),
      );
    } else if (parameter.in === 'path' && parameter.name === 'id') {
      const pool: SloChoice['$slo'] =
        operation.method === 'delete' ? 'deletable' : 'any';
      pathParams.id = storedOrNot(
        (index): SloChoice => ({ $slo: pool, index }),
      );
    } else if (parameter.in === 'path') {
      pathParams[parameter.name] = parameterValue(spec, parameter, hints)!.map(
        String,
      );
    } else {
      queryParams[parameter.name] = parameterValue(spec, parameter, hints)!.map(
        String,
      );
      if (parameter.required) requiredQuery.push(parameter.name);
    }
  }
  const isEntityPath = ['kind', 'namespace', 'name'].every(
    k => k in pathParams,
  );
  // A known entity's kind/namespace/name, with generated values for any further path parameter
  // (e.g. an exemption id below the entity).
  const path = isEntityPath
    ? fc.oneof(
        {
          weight: 3,
          arbitrary: fc
            .tuple(hints.entityPaths, fc.record(pathParams))
            .map(([entity, params]) => ({ ...params, ...entity })),
        },
        { weight: 1, arbitrary: fc.record(pathParams) },
      )
    : fc.record(pathParams);
  // A correct client always sends the required ones (the planning review's scope).
  const query = fc
    .record(queryParams, { requiredKeys: requiredQuery })
    .map(values => Object.entries(values) as Array<[string, string]>);
  return fc
    .record({ path, query, body: validBody(spec, operation, hints) })
    .map(({ path: params, query: q, body }) => ({
      operation,
      label: 'valid',
      pathParams: params,
      query: q,
      ...(body ? { body } : {}),
    }));
}

function validBody(spec: Schema, operation: Operation, hints: CaseHints) {
  const content = operation.requestBody?.content;
  if (!content) return fc.constant(undefined);
  if (content[JSON_TYPE]) {
    return schemaArbitrary(
      spec,
      content[JSON_TYPE],
      hints.values,
      `body.${operation.operationId}`,
    ).map(value => ({ contentType: JSON_TYPE, value }));
  }
  return fc
    .tuple(
      fc.constantFrom(...Object.keys(content)),
      validYamlArbitrary(hints.yaml),
    )
    .map(([contentType, text]) => ({ contentType, text }));
}

/** Valid requests with one thing broken: a parameter, the query string or the body. */
export function invalidCase(
  spec: Schema,
  operation: Operation,
  hints: CaseHints,
): fc.Arbitrary<FuzzCase> {
  return validCase(spec, operation, hints).chain(base => {
    // Weighted so that a body, the richest input, is broken in most cases of a route taking one.
    const mutations: Array<fc.WeightedArbitrary<FuzzCase>> = [];
    const add = (weight: number, arbitrary: fc.Arbitrary<FuzzCase>) =>
      mutations.push({ weight, arbitrary });
    for (const parameter of operation.parameters) {
      add(
        2,
        badParameterValues(parameter.schema)
          .filter(bad => parameter.in === 'query' || bad.value.trim() !== '')
          .map(bad => breakParameter(base, parameter, bad.value, bad.why)),
      );
    }
    if (operation.parameters.some(p => p.in === 'path' && p.name === 'id')) {
      add(
        1,
        fc
          .constantFrom('%E0%A4%A', '%ZZ', '%00', '%2F', '%C0%AE%C0%AE')
          .map(raw => ({
            ...base,
            // Undecodable: there is no value whose field a 400 could name.
            label: 'path.id malformed-encoding',
            rawPathParams: { id: raw },
          })),
      );
    }
    add(1, queryStringMutations(spec, base, operation));
    const content = operation.requestBody?.content;
    if (content?.[JSON_TYPE]) {
      add(
        8,
        mutateJsonBody(base.body?.value).map(mutated => ({
          ...base,
          ...mutated,
        })),
      );
    } else if (content) {
      add(
        12,
        fc
          .tuple(
            fc.constantFrom(...Object.keys(content)),
            badYamlArbitrary(hints.yaml),
          )
          .map(([contentType, bad]) => ({
            ...base,
            label: `body ${bad.why}`,
            body: { contentType, text: bad.value },
          })),
      );
      add(
        1,
        fc
          .constantFrom(JSON_TYPE, 'application/octet-stream', 'text/html')
          .map(contentType => ({
            ...base,
            label: 'body wrong-content-type',
            body: { contentType, text: base.body?.text ?? 'a: 1' },
          })),
      );
    }
    if (operation.requestBody) {
      const { body: _, ...withoutBody } = base;
      add(1, fc.constant({ ...withoutBody, label: 'body missing' }));
    }
    return fc.oneof(...mutations);
  });
}

function breakParameter(
  base: FuzzCase,
  parameter: Parameter,
  value: string,
  why: string,
): FuzzCase {
  const label = `${parameter.in}.${parameter.name} ${why}`;
  if (parameter.in === 'path') {
    return {
      ...base,
      label,
      target: parameter.name,
      pathParams: { ...base.pathParams, [parameter.name]: value },
    };
  }
  return {
    ...base,
    label,
    target: parameter.name,
    query: [
      ...base.query.filter(([key]) => key !== parameter.name),
      [parameter.name, value],
    ],
  };
}

function queryStringMutations(
  spec: Schema,
  base: FuzzCase,
  operation: Operation,
): fc.Arbitrary<FuzzCase> {
  const known = operation.parameters.filter(p => p.in === 'query');
  const unknown = fc
    .constantFrom('color', 'LIMIT', 'x-debug', '__proto__', 'constructor')
    .map(name => ({
      ...base,
      label: 'query unknown-parameter',
      target: name,
      query: [...base.query, [name, 'red'] as [string, string]],
    }));
  const raw = fc
    .constantFrom(
      'offset[a]=1',
      'limit[]=1&limit[]=2',
      'entityRef[$ne]=x',
      '%ZZ=1',
      'a=%E0%A4%A',
    )
    .map(rawQuery => ({ ...base, label: 'query raw', rawQuery }));
  if (known.length === 0) return fc.oneof(unknown, raw);
  const duplicate = fc.constantFrom(...known).chain(parameter =>
    fc
      .tuple(
        fc.constant(parameter),
        schemaArbitrary(spec, parameter.schema).map(String),
        schemaArbitrary(spec, parameter.schema).map(String),
      )
      .map(([p, a, b]) => ({
        ...base,
        label: `query.${p.name} duplicate`,
        target: p.name,
        query: [
          ...base.query.filter(([key]) => key !== p.name),
          [p.name, a] as [string, string],
          [p.name, b] as [string, string],
        ],
      })),
  );
  return fc.oneof(unknown, raw, duplicate);
}
