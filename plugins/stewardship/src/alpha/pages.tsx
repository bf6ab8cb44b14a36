import { PageBlueprint } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
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
    // On the theme's page background, as in the legacy app: the new frontend system's app
    // background (BUI's --bui-bg-app, #f5f5f5) is a shade darker than the MUI light theme's
    // (#f8f8f8), which takes the page's secondary text (filter labels, captions) to 4.47:1,
    // under WCAG's 4.5:1.
    loader: () =>
      import(
        /* webpackChunkName: "stewardship" */ '../components/StewardshipPage'
      ).then(m => (
        <Box bgcolor="background.default" minHeight="100%">
          <m.StewardshipPage />
        </Box>
      )),
  },
});
