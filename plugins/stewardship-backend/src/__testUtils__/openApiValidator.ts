import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';

/**
 * Checks response bodies against the component schemas of src/schema/openapi.yaml, so the
 * written contract and the implementation cannot drift apart unnoticed.
 */
export function loadOpenApiValidator() {
  const spec = parse(
    fs.readFileSync(path.resolve(__dirname, '../schema/openapi.yaml'), 'utf8'),
  );
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ components: spec.components }, 'openapi.yaml');

  return {
    spec,
    /** Throws with every schema violation when `body` does not match the named schema. */
    assertMatches(schemaName: string, body: unknown) {
      const validate = ajv.getSchema(
        `openapi.yaml#/components/schemas/${schemaName}`,
      );
      if (!validate) throw new Error(`No schema ${schemaName} in openapi.yaml`);
      if (!validate(body)) {
        throw new Error(
          `Response does not match ${schemaName}: ${ajv.errorsText(
            validate.errors,
          )}`,
        );
      }
    },
  };
}
