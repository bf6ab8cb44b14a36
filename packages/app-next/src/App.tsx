import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import catalogGraphPlugin from '@backstage/plugin-catalog-graph/alpha';
import stewardshipPlugin from '@stewardship/backstage-plugin-stewardship/alpha';
import { appModule } from './appModule';
import { catalogGraphModule } from './catalogGraphModule';

// Explicit features rather than discovery (`app.packages: all`): the app shows exactly what it
// lists: the catalog, the catalog graph (its entity card and /catalog-graph page, with the
// Stewardship relations registered by catalogGraphModule) and the Stewardship suite from its
// `./alpha` entry point.
export const features = [
  catalogPlugin,
  catalogGraphPlugin,
  catalogGraphModule,
  stewardshipPlugin,
  appModule,
];

const app = createApp({ features });

export default app.createRoot();
