import { createDevApp } from '@backstage/dev-utils';
import { stewardshipPlugin, StewardshipPage } from '../src/plugin';

createDevApp()
  .registerPlugin(stewardshipPlugin)
  .addPage({
    element: <StewardshipPage />,
    title: 'Root Page',
    path: '/stewardship',
  })
  .render();
