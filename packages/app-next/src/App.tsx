import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import catalogGraphPlugin from '@backstage/plugin-catalog-graph/alpha';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import signalsPlugin from '@backstage/plugin-signals/alpha';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';
import stewardshipPlugin from '@stewardship/backstage-plugin-stewardship/alpha';
import { appModule } from './appModule';
import { catalogGraphModule } from './catalogGraphModule';

// Explicit features rather than discovery (`app.packages: all`): the app shows exactly what it
// lists: the catalog, the catalog graph (its entity card and /catalog-graph page, with the
// Stewardship relations registered by catalogGraphModule), signals (`api:signals`, the websocket
// to the backend's /api/signals that keeps SLO statuses, release gates and incidents current on
// open pages), notifications
// (`api:notifications` and the /notifications page with its nav item, where the owners'
// Stewardship notifications land), the org plugin (the group and user pages' profile, members
// and ownership cards: the scorecard, SLO overview and planning review link owners there), user
// settings (the /settings page with its nav item, where a user picks the light or dark theme the
// suite is tested in) and the Stewardship suite from its `./alpha` entry point.
export const features = [
  catalogPlugin,
  catalogGraphPlugin,
  catalogGraphModule,
  signalsPlugin,
  notificationsPlugin,
  orgPlugin,
  userSettingsPlugin,
  stewardshipPlugin,
  appModule,
];

const app = createApp({ features });

export default app.createRoot();
