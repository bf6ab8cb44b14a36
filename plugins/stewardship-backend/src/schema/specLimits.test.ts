/*
 * Limits the frontend and the backend both hold, one side from the spec the router validates
 * with, the other from the common package's constants the clients read: a constant raised alone
 * would have the frontend send what the router refuses.
 */
import { SLOS_BY_ENTITIES_MAX_REFS } from '@stewardship/backstage-plugin-stewardship-common';
import { spec } from './openapi/generated/router';

describe('the spec and the common limits', () => {
  it('take as many refs in POST /slos/by-entities as the frontend sends in one request', () => {
    expect(
      spec.components.schemas.SlosByEntitiesRequest.properties.entityRefs
        .maxItems,
    ).toBe(SLOS_BY_ENTITIES_MAX_REFS);
  });
});
