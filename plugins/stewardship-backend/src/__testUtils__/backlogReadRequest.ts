import { mockCredentials } from '@backstage/backend-test-utils';
import { parseEntityRef } from '@backstage/catalog-model';
import { BacklogReadRequest } from '@stewardship/backstage-plugin-stewardship-node';

/** What the backlog service hands a provider for `entityRef`, read as a signed-in user. */
export function backlogReadRequest(
  entityRef: string,
  maxItems = 100,
): BacklogReadRequest {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return {
    entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind,
      metadata: { name, namespace },
    },
    entityRef,
    credentials: mockCredentials.user(),
    maxItems,
    signal: new AbortController().signal,
  };
}
