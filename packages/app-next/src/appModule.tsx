import { SignInPage } from '@backstage/core-components';
import {
  PageBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import { Navigate } from 'react-router-dom';

/** Guest sign-in, against the backend's guest provider (`auth.providers.guest` in app-config). */
const guestSignInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => props =>
      <SignInPage {...props} auto providers={['guest']} />,
  },
});

/** The app has no home page of its own: `/` opens the catalog. */
const homeRedirect = PageBlueprint.make({
  name: 'home',
  params: {
    path: '/',
    loader: async () => <Navigate to="/catalog" replace />,
  },
});

/** What this app adds to the app plugin: its sign-in page and its start page. */
export const appModule = createFrontendModule({
  pluginId: 'app',
  extensions: [guestSignInPage, homeRedirect],
});
