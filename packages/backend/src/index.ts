/*
 * The Stewardship demo backend: the catalog, auth (guest and demo users in dev), permissions, search,
 * notifications and signals (with the events backend they travel on),
 * the Stewardship plugin, and Tech Insights with Stewardship's facts. Plugins that serve no part
 * of the product were dropped from the template to keep installs and CI fast.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: the guest provider signs developers in locally, see https://backstage.io/docs/auth/guest/provider;
// the demo provider (demo only, development only, off unless auth.providers.demo is configured)
// signs in as one of the demo catalog's users, to show what owners and admins may do.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('./demoSignIn'));

// catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// the Stewardship owner annotations as catalog relations (businessOwnedBy/businessOwnerOf, ...)
backend.add(
  import('@stewardship/backstage-plugin-stewardship-backend-module-catalog'),
);

// permissions: owners write their entities' Stewardship data, platform admins everything, everyone
// reads (./permissionPolicy.ts); see https://backstage.io/docs/permissions/writing-a-policy
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./permissionPolicy'));

// search (in-memory Lunr engine) over the catalog
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
// the event bus that signals and notifications travel on; kept in PostgreSQL, so a signal
// published on one replica reaches browsers connected to the others (in memory on SQLite)
backend.add(import('@backstage/plugin-events-backend'));

backend.add(import('@stewardship/backstage-plugin-stewardship-backend'));

// Tech Insights with the jsonfc checker, and Stewardship's ownership and SLO facts
// (techInsights in app-config.yaml sets the retriever's cadence and the checks)
backend.add(import('@backstage-community/plugin-tech-insights-backend'));
backend.add(
  import('@backstage-community/plugin-tech-insights-backend-module-jsonfc'),
);
backend.add(
  import(
    '@stewardship/backstage-plugin-stewardship-backend-module-tech-insights'
  ),
);

backend.start();
