import type { Router } from 'express';
import { storedUuid } from '../lib/storedUuid';
import {
  SpecDocument as Spec,
  SpecParameter as Parameter,
  specParameterResolver,
} from './specPaths';

/**
 * The names of the path parameters the spec declares as `format: uuid` wherever they appear
 * (a name that is a UUID in one path and something else in another is left out).
 */
export function uuidPathParameterNames(spec: Spec): string[] {
  const uuid = new Set<string>();
  const other = new Set<string>();
  const resolve = specParameterResolver(spec);
  for (const operations of Object.values(spec.paths)) {
    for (const operation of Object.values(operations)) {
      const { parameters = [] } = operation as { parameters?: Parameter[] };
      for (const listed of parameters) {
        const parameter = resolve(listed);
        if (parameter?.in !== 'path' || !parameter.name) continue;
        (parameter.schema?.format === 'uuid' ? uuid : other).add(
          parameter.name,
        );
      }
    }
  }
  return [...uuid].filter(name => !other.has(name)).sort();
}

/**
 * Reads every UUID path parameter of `spec` in its stored form ({@link storedUuid}) before a
 * handler sees it, so `/slos/7C9E…` finds the SLO `/slos/7c9e…` names instead of a 404.
 */
export function readUuidPathParameters(router: Router, spec: Spec) {
  for (const name of uuidPathParameterNames(spec)) {
    router.param(name, (req, _res, next, value: string) => {
      req.params[name] = storedUuid(value);
      next();
    });
  }
}
