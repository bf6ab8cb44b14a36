import { Schema, resolveRef } from './schemaArbitrary';

/** A path parameter or query parameter of an operation. */
export interface Parameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: Schema;
}

/** One operation of the spec: a method on a path. */
export interface Operation {
  operationId: string;
  method: 'get' | 'post' | 'put' | 'delete' | 'patch';
  /** As in the spec, e.g. `/slos/{id}`. */
  path: string;
  parameters: Parameter[];
  requestBody?: {
    required: boolean;
    /** Content type → schema. */
    content: Record<string, Schema>;
  };
  /** Status → response object (refs resolved). */
  responses: Record<string, Schema>;
  /** The operation's own security schemes (names), when it overrides the document's. */
  security?: string[];
}

const METHODS = ['get', 'post', 'put', 'delete', 'patch', 'head'] as const;

/** Every operation in `spec.paths`, in the spec's order; refuses methods the fuzzer cannot send. */
export function readOperations(spec: Schema): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries<Schema>(spec.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      if (method === 'head') {
        throw new Error(`The fuzzer cannot send ${method} ${path} yet`);
      }
      const parameters = [
        ...(item.parameters ?? []),
        ...(operation.parameters ?? []),
      ].map((parameter: Schema) => {
        const resolved = resolveRef(spec, parameter);
        if (resolved.in !== 'path' && resolved.in !== 'query') {
          throw new Error(
            `The fuzzer cannot send ${resolved.in} parameters (${method} ${path})`,
          );
        }
        return {
          name: resolved.name,
          in: resolved.in,
          required: Boolean(resolved.required),
          schema: resolved.schema ?? {},
        } as Parameter;
      });
      const body = operation.requestBody
        ? resolveRef(spec, operation.requestBody)
        : undefined;
      operations.push({
        operationId: operation.operationId,
        method,
        path,
        parameters,
        requestBody: body && {
          required: Boolean(body.required),
          content: Object.fromEntries(
            Object.entries<Schema>(body.content).map(([type, media]) => [
              type,
              media.schema ?? {},
            ]),
          ),
        },
        ...(operation.security && {
          security: operation.security.flatMap((requirement: Schema) =>
            Object.keys(requirement),
          ),
        }),
        responses: Object.fromEntries(
          Object.entries<Schema>(operation.responses).map(
            ([status, response]) => [status, resolveRef(spec, response)],
          ),
        ),
      });
    }
  }
  return operations;
}
