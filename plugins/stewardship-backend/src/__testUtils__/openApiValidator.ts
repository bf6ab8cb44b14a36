import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { spec } from '../schema/openapi';

/**
 * Checks response bodies against the component schemas of the spec the router is built from
 * (src/schema/openapi.yaml through its generated constant), so the written contract and the
 * implementation cannot drift apart unnoticed. OpenAPI 3.1 schemas are JSON Schema 2020-12.
 */
export function loadOpenApiValidator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({
    $id: 'openapi.json',
    components: JSON.parse(JSON.stringify(spec.components)),
  });

  return {
    spec,
    /** Throws with every schema violation when `body` does not match the named schema. */
    assertMatches(schemaName: string, body: unknown) {
      const validate = ajv.getSchema(
        `openapi.json#/components/schemas/${schemaName}`,
      );
      if (!validate) throw new Error(`No schema ${schemaName} in the spec`);
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
