/*
 * A backend of Backstage's real parts for tests that need the catalog's own behaviour: the
 * catalog backend ingesting `entities` from a file, the permission backend with `policy`, real
 * tokens (the guest provider signs in `user:default/jane`, a static token is a service) and this
 * plugin.
 */
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import { BackendFeature } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authBackend from '@backstage/plugin-auth-backend';
import guestProvider from '@backstage/plugin-auth-backend-module-guest-provider';
import catalogBackend from '@backstage/plugin-catalog-backend';
import permissionBackend from '@backstage/plugin-permission-backend';
import { JsonObject } from '@backstage/types';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { stewardshipPlugin } from '../plugin';

export async function startRealCatalogBackend(options: {
  /** The plugins' database (an in-memory one the test closes). */
  database: BackendFeature;
  /** The permission policy, as a module of the permission plugin. */
  policy: BackendFeature;
  /** What the catalog ingests. */
  entities: object[];
  /** The kinds the catalog's rules allow from the file. */
  kinds: string[];
  /** The static service token (subject `seeder`). */
  serviceToken: string;
  /** `stewardship` config beside a metric source `prom` (on a closed port). */
  stewardship?: JsonObject;
}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stewardship-catalog-'));
  const file = path.join(dir, 'catalog.yaml');
  fs.writeFileSync(
    file,
    options.entities.map(entity => JSON.stringify(entity)).join('\n---\n'),
  );
  return startTestBackend({
    features: [
      options.database,
      stewardshipPlugin,
      catalogBackend,
      permissionBackend,
      options.policy,
      authBackend,
      guestProvider,
      authServiceFactory,
      httpAuthServiceFactory,
      permissionsServiceFactory,
      userInfoServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          auth: {
            providers: {
              guest: {
                userEntityRef: 'user:default/jane',
                dangerouslyAllowOutsideDevelopment: true,
              },
            },
          },
          backend: {
            auth: {
              externalAccess: [
                {
                  type: 'static',
                  options: { token: options.serviceToken, subject: 'seeder' },
                },
              ],
            },
          },
          permission: { enabled: true },
          catalog: {
            rules: [{ allow: options.kinds }],
            locations: [{ type: 'file', target: file }],
          },
          stewardship: {
            ...options.stewardship,
            metricSources: {
              prom: { type: 'prometheus', baseUrl: 'http://127.0.0.1:9' },
            },
          },
        },
      }),
    ],
  });
}
