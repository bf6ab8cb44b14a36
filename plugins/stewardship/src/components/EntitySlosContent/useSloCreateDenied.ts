import { useApi } from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { stewardshipSloCreatePermission } from '@stewardship/backstage-plugin-stewardship-common';
import useAsync from 'react-use/esm/useAsync';

// `AuthorizeResult.DENY`: its package is only a dev dependency of this plugin, and the permission
// API resolves conditional decisions to ALLOW or DENY before they get here.
const DENY: string = 'DENY';

/**
 * Whether the permission policy lets the viewer add SLOs to none of `entityRefs`: true only once
 * every answer is in and each is a denial (false while asking, or if an answer fails). A tab
 * listing several entities then says so once, instead of once per entity. `entityRefs` undefined
 * (not yet known) is never all denied.
 */
export function useSloCreateDeniedForAll(entityRefs?: string[]): boolean {
  const permissionApi = useApi(permissionApiRef);
  // One key for the list: a new array of the same entities asks nothing again.
  const key = entityRefs?.join('\n');
  const { value } = useAsync(async () => {
    if (!key) return false;
    const results = await Promise.all(
      key.split('\n').map(resourceRef =>
        permissionApi.authorize({
          permission: stewardshipSloCreatePermission,
          resourceRef,
        }),
      ),
    );
    return results.every(({ result }) => result === DENY);
  }, [permissionApi, key]);
  return value ?? false;
}
