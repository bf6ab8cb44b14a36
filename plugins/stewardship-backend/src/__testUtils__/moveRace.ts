import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { EntityPermissions } from '../lib/EntityPermissions';
import { catalogAccess } from './catalogReadPolicy';
import { component } from './entities';

/** jane may change checkout's SLOs and incidents only. */
export const jane = mockCredentials.user('user:default/jane');
/** sam may do anything; he moves things between entities. */
export const sam = mockCredentials.user('user:default/sam');

export const CHECKOUT = 'component:default/checkout';
export const PAYMENTS = 'component:default/payments';

/** The catalog of a move race: checkout and payments. */
export const moveRaceEntities = () => [
  component('checkout'),
  component('payments'),
];

/** Catalog access (as a service's deps take it) to {@link moveRaceEntities}. */
export const moveRaceCatalog = () =>
  catalogAccess(catalogServiceMock({ entities: moveRaceEntities() }));

/**
 * For tests of a write racing a move to another entity: jane's permissions, whose policy allows
 * checkout only, record each question asked (`checked`, `<permission> <entity>`) and run a hook
 * while the next one is being asked, before it is answered (`duringNextCheck`), so a move
 * committed there lands between the permission check and the write every time. `reset` before
 * each test.
 */
export function moveRace() {
  let duringCheck: (() => Promise<unknown>) | undefined;
  const checked: string[] = [];
  const permissions = mockServices.permissions.mock({
    authorize: async requests => {
      const hook = duringCheck;
      duringCheck = undefined;
      if (hook) await hook();
      return requests.map(request => {
        const resourceRef = (request as { resourceRef: string }).resourceRef;
        checked.push(`${request.permission.name} ${resourceRef}`);
        return {
          result:
            resourceRef === CHECKOUT
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        };
      });
    },
  });
  return {
    janesPermissions: new EntityPermissions(permissions),
    /** The questions asked since the last reset, in order. */
    checked,
    /** Runs `hook` (once) while jane's next permission is being asked. */
    duringNextCheck(hook: () => Promise<unknown>) {
      duringCheck = hook;
    },
    reset() {
      duringCheck = undefined;
      checked.length = 0;
    },
  };
}
