/*
 * DEMO ONLY — never install this in a real Backstage.
 *
 * A sign-in provider (`auth.providers.demo`) that signs anyone in as one of the demo users listed
 * in its config, chosen by a request header, with no password: it exists so that the demo (and its
 * end-to-end tests) can show what an entity's owner or a platform admin may do, next to the guest
 * who owns nothing. Like the guest provider it refuses to work outside development
 * (NODE_ENV=development), and it is off unless `auth.providers.demo` is configured, which only
 * app-config.demo.yaml does. The app's sign-in page (packages/app/src/components/signIn/) offers
 * the listed users.
 */
import { stringifyEntityRef, parseEntityRef } from '@backstage/catalog-model';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';

/** The request header naming the demo user to sign in as (an entity ref from the allow-list). */
export const DEMO_USER_HEADER = 'x-stewardship-demo-user';

/** Whether the demo provider may sign anyone in here: only in development. */
const inDevelopment = () => process.env.NODE_ENV === 'development';

/** Normalises a user ref the way the catalog does (kind and namespace defaulted, lower case). */
function userRef(ref: string): string {
  return stringifyEntityRef(
    parseEntityRef(ref, { defaultKind: 'user', defaultNamespace: 'default' }),
  ).toLocaleLowerCase('en-US');
}

export const demoAuthenticator = createProxyAuthenticator({
  defaultProfileTransform: async (result: { userEntityRef: string }, ctx) => {
    // Show the user's catalog profile (name, email) in the app, as a real provider would.
    const { entity } = await ctx.findCatalogUser({
      entityRef: result.userEntityRef,
    });
    const profile = (entity.spec?.profile ?? {}) as {
      displayName?: string;
      email?: string;
      picture?: string;
    };
    return {
      profile: {
        displayName: profile.displayName,
        email: profile.email,
        picture: profile.picture,
      },
    };
  },
  initialize({ config }) {
    const users = config
      .getOptionalConfigArray('users')
      ?.map(user => userRef(user.getString('userEntityRef')));
    return { users: new Set(users ?? []) };
  },
  async authenticate({ req }, { users }) {
    if (!inDevelopment()) {
      throw new NotAllowedError(
        'The demo sign-in provider only works in development (NODE_ENV=development)',
      );
    }
    const requested = req.header(DEMO_USER_HEADER);
    if (!requested) {
      throw new InputError(
        `Name the demo user to sign in as in the ${DEMO_USER_HEADER} header`,
      );
    }
    const userEntityRef = userRef(requested);
    if (!users.has(userEntityRef)) {
      throw new NotAllowedError(
        `${userEntityRef} is not a demo user (auth.providers.demo.users)`,
      );
    }
    return { result: { userEntityRef } };
  },
});

/** Registers the demo provider with the auth backend; it signs in the catalog user chosen. */
export default createBackendModule({
  pluginId: 'auth',
  moduleId: 'stewardship-demo-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        logger: coreServices.logger,
      },
      async init({ providers, logger }) {
        if (!inDevelopment()) {
          logger.info('The demo sign-in provider is off outside development');
        }
        providers.registerProvider({
          providerId: 'demo',
          factory: createProxyAuthProviderFactory({
            authenticator: demoAuthenticator,
            // The demo user's own catalog entity: its ownership claims are the user and its groups.
            signInResolver: async ({ result }, ctx) =>
              ctx.signInWithCatalogUser({ entityRef: result.userEntityRef }),
          }),
        });
      },
    });
  },
});
