import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mockApis } from '@backstage/test-utils';
import { act, waitFor } from '@testing-library/react';

/**
 * A permission API that denies everything, with a way to wait until the rendered components' checks
 * have been asked and answered: only then does a missing button mean "denied" rather than "not
 * answered yet", which a test that looks right after the first render cannot tell apart.
 */
export function denyingPermissionApi() {
  const permissionApi = mockApis.permission({
    authorize: AuthorizeResult.DENY,
  });
  const authorize = jest.spyOn(permissionApi, 'authorize');
  return {
    permissionApi,
    /** Resolves once at least `checks` permission checks were asked and all have been answered. */
    async answered(checks = 1) {
      await waitFor(() =>
        expect(authorize.mock.calls.length).toBeGreaterThanOrEqual(checks),
      );
      await act(async () => {
        await Promise.all(authorize.mock.results.map(result => result.value));
      });
    },
  };
}
