import { PageBlueprint } from '@backstage/frontend-plugin-api';
import AssignmentTurnedInIcon from '@material-ui/icons/AssignmentTurnedIn';
import { rootRouteRef } from '../routes';

/**
 * The ownership scorecard and SLO overview at `/stewardship`. Its title and icon make the app's
 * navigation show an item for it (the nav item blueprint is gone since frontend-plugin-api 0.17).
 * The page draws its own header and tabs, hence `noHeader`.
 */
export const stewardshipPage = PageBlueprint.make({
  params: {
    path: '/stewardship',
    title: 'Stewardship',
    icon: <AssignmentTurnedInIcon />,
    routeRef: rootRouteRef,
    noHeader: true,
    loader: () =>
      import('../components/StewardshipPage').then(m => <m.StewardshipPage />),
  },
});
