import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import stewardshipPlugin from '@stewardship/backstage-plugin-stewardship/alpha';
import { appModule } from './appModule';

// Explicit features rather than discovery (`app.packages: all`): the app shows exactly what it
// lists, the catalog and the Stewardship suite from its `./alpha` entry point.
export const features = [catalogPlugin, stewardshipPlugin, appModule];

const app = createApp({ features });

export default app.createRoot();
