import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parseAllDocuments } from 'yaml';
import { Operation } from './operations';
import { Schema } from './schemaArbitrary';

/** A request as sent: decoded path parameters (undefined when not decodable) and query pairs. */
export interface SentRequest {
  pathParams: Record<string, string | undefined>;
  query: Array<[string, string]>;
  rawQuery?: string;
  body?: { contentType: string; text: string };
}

/** A response as received, body as text. */
export interface ReceivedResponse {
  status: number;
  contentType?: string;
  text: string;
}

// The Backstage error name of each status the spec lists (`@backstage/errors`).
const ERROR_NAMES: Record<number, string[]> = {
  400: ['InputError'],
  401: ['AuthenticationError'],
  404: ['NotFoundError'],
  409: ['ConflictError'],
};

// YAML 1.2's printable characters (c-printable): what a YAML file may hold unescaped.
const NOT_YAML_PRINTABLE = new RegExp(
  '[^\\t\\n\\r\\x20-\\x7e\\x85\\xa0-\\ud7ff\\ue000-\\ufffd\\u{10000}-\\u{10ffff}]',
  'u',
);
const BODY_LIMIT = 1024 * 1024;

/**
 * Judges requests and responses by the spec alone (JSON Schema 2020-12 through Ajv, formats in
 * full mode), independently of the router's own validator.
 */
export function createSpecChecker(spec: Schema) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'openapi.json', components: clone(spec.components) });
  const compiled = new Map<Schema, ValidateFunction>();
  const validator = (schema: Schema) => {
    let validate = compiled.get(schema);
    if (!validate) {
      validate = ajv.compile(relocateRefs(clone(schema)));
      compiled.set(schema, validate);
    }
    return validate;
  };
  const check = (schema: Schema, value: unknown) => {
    const validate = validator(schema);
    return validate(value) ? undefined : ajv.errorsText(validate.errors);
  };

  return {
    /** Why the request breaks the spec (so it must not succeed), or undefined. */
    requestProblem(operation: Operation, sent: SentRequest) {
      for (const parameter of operation.parameters) {
        if (parameter.in !== 'path') continue;
        const value = sent.pathParams[parameter.name];
        if (value === undefined) return `path.${parameter.name} undecodable`;
        const problem = check(parameter.schema, value);
        if (problem) return `path.${parameter.name}: ${problem}`;
      }
      if (sent.rawQuery) return 'raw query string';
      const seen = new Set<string>();
      for (const [key, value] of sent.query) {
        // The query parser drops keys that would shadow Object.prototype members.
        if (key in Object.prototype) continue;
        const parameter = operation.parameters.find(
          p => p.in === 'query' && p.name === key,
        );
        if (!parameter) return `query.${key} is not in the spec`;
        if (seen.has(key)) return `query.${key} given twice`;
        seen.add(key);
        const problem = check(
          parameter.schema,
          coerce(parameter.schema, value),
        );
        if (problem) return `query.${key}: ${problem}`;
      }
      const content = operation.requestBody?.content;
      if (!content) return undefined;
      if (!sent.body) {
        return operation.requestBody!.required ? 'body missing' : undefined;
      }
      const type = sent.body.contentType.split(';')[0].trim().toLowerCase();
      const schema = content[type];
      if (!schema) return `body content type ${type} is not in the spec`;
      if (Buffer.byteLength(sent.body.text) > BODY_LIMIT) return 'body > 1 MB';
      if (type !== 'application/json') return check(schema, sent.body.text);
      try {
        return check(schema, JSON.parse(sent.body.text));
      } catch {
        return 'body is not JSON';
      }
    },

    /** How the response breaks the spec: status, content type and body. */
    responseProblems(operation: Operation, res: ReceivedResponse): string[] {
      const problems: string[] = [];
      if (res.status >= 500) problems.push(`server error ${res.status}`);
      const response = operation.responses[String(res.status)];
      if (!response) {
        return [...problems, `status ${res.status} is not in the spec`];
      }
      const content: Record<string, Schema> | undefined = response.content;
      if (!content) {
        if (res.text) problems.push(`${res.status} with a body`);
        return problems;
      }
      const type = (res.contentType ?? '').split(';')[0].trim().toLowerCase();
      if (!content[type]) {
        return [
          ...problems,
          `content type "${type}" is not in the spec for ${
            res.status
          } (${Object.keys(content).join(', ')})`,
        ];
      }
      const schema = content[type].schema ?? {};
      if (type === 'application/json') {
        let body: any;
        try {
          body = JSON.parse(res.text);
        } catch {
          return [
            ...problems,
            'a JSON content type with a body that is not JSON',
          ];
        }
        const problem = check(schema, body);
        if (problem) problems.push(`body does not match the spec: ${problem}`);
        if (res.status >= 400)
          problems.push(...errorProblems(res.status, body));
      } else if (type === 'application/yaml') {
        problems.push(...yamlProblems(res.text));
      }
      return problems;
    },
  };
}

function errorProblems(status: number, body: any): string[] {
  const problems: string[] = [];
  if (body?.response?.statusCode !== status) {
    problems.push(`error body says statusCode ${body?.response?.statusCode}`);
  }
  const names = ERROR_NAMES[status];
  if (names && !names.includes(body?.error?.name)) {
    problems.push(`a ${status} named ${body?.error?.name}, not ${names}`);
  }
  return problems;
}

/** YAML that any YAML 1.2 parser accepts: only printable characters, no parse errors. */
function yamlProblems(text: string): string[] {
  const match = NOT_YAML_PRINTABLE.exec(text);
  if (match) {
    const code = match[0].codePointAt(0)!.toString(16).padStart(4, '0');
    return [`YAML holds the unprintable U+${code.toUpperCase()} unescaped`];
  }
  const documents = parseAllDocuments(text, { uniqueKeys: true });
  const errors = Array.isArray(documents)
    ? documents.flatMap(d => d.errors.map(e => e.message))
    : ['not a YAML stream'];
  return errors.map(message => `YAML does not parse: ${message}`);
}

/**
 * A query value typed as the router's Ajv types it (`coerceTypes`): a non-empty string that is a
 * number to JavaScript (`+value`, so " 5", "1e3" and "0x10" too) becomes that number.
 */
function coerce(schema: Schema, value: string): unknown {
  if (schema.type === 'integer' || schema.type === 'number') {
    return value !== '' && !Number.isNaN(Number(value)) ? Number(value) : value;
  }
  return value;
}

function clone(value: unknown) {
  return JSON.parse(JSON.stringify(value));
}

/** `#/components/...` inside a lone schema means the spec's components. */
function relocateRefs(node: any): any {
  if (Array.isArray(node)) return node.map(relocateRefs);
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [
        key,
        key === '$ref' && typeof value === 'string' && value.startsWith('#/')
          ? `openapi.json${value}`
          : relocateRefs(value),
      ]),
    );
  }
  return node;
}
