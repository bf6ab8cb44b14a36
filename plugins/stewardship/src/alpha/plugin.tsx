import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import AssignmentTurnedInIcon from '@material-ui/icons/AssignmentTurnedIn';
import {
  entityBacklogRouteRef,
  entityOwnershipRouteRef,
  entitySlosRouteRef,
  rootRouteRef,
} from '../routes';
import { stewardshipApi } from './apis';
import {
  entityBacklogCard,
  entityOwnershipCard,
  entitySloCard,
} from './entityCards';
import {
  entityBacklogContent,
  entityOwnershipContent,
  entitySlosContent,
} from './entityContents';
import { stewardshipPage } from './pages';

// The legacy route refs go straight into `routes`: since core-plugin-api 1.12 they are
// forwards-compatible, and `useRouteRef` in the shared components works in both systems.

/**
 * The Stewardship plugin for Backstage's new frontend system: the API client, the
 * `/stewardship` page (with its nav item), the Ownership, SLOs and Backlog entity tabs and their
 * overview cards. Each tab and card takes a `kinds` option in app-config
 * (`app.extensions`), besides the catalog blueprints' own `filter`, `path`, `title` and `group`.
 *
 * @alpha
 */
export const stewardshipFrontendPlugin = createFrontendPlugin({
  pluginId: 'stewardship',
  title: 'Stewardship',
  icon: <AssignmentTurnedInIcon />,
  // The app's plugin info (package name, version, description), as the catalog's plugins give it.
  info: { packageJson: () => import('../../package.json') },
  routes: {
    root: rootRouteRef,
    entityOwnership: entityOwnershipRouteRef,
    entitySlos: entitySlosRouteRef,
    entityBacklog: entityBacklogRouteRef,
  },
  extensions: [
    stewardshipApi,
    stewardshipPage,
    entityOwnershipContent,
    entitySlosContent,
    entityBacklogContent,
    entityOwnershipCard,
    entitySloCard,
    entityBacklogCard,
  ],
});
