import {
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';

import { rootRouteRef } from './routes';

export const stewardshipPlugin = createPlugin({
  id: 'stewardship',
  routes: {
    root: rootRouteRef,
  },
});

export const StewardshipPage = stewardshipPlugin.provide(
  createRoutableExtension({
    name: 'StewardshipPage',
    component: () =>
      import('./components/ExampleComponent').then(m => m.ExampleComponent),
    mountPoint: rootRouteRef,
  }),
);
