import { useApiHolder } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import signalsPlugin from '@backstage/plugin-signals/alpha';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { screen } from '@testing-library/react';

/**
 * What the Stewardship SLOs tab's incidents section asks for (useIncidentsSignal): the signal API
 * if the app has one, else nothing (and then no live refresh).
 */
function SignalApiProbe() {
  const signals = useApiHolder().get(signalApiRef);
  return <p>{signals ? 'signal API present' : 'no signal API'}</p>;
}

describe('the app’s features', () => {
  it('include the signals, notifications, org and user settings plugins', async () => {
    const { features } = await import('./App');
    expect(features).toEqual(
      expect.arrayContaining([
        signalsPlugin,
        notificationsPlugin,
        orgPlugin,
        userSettingsPlugin,
      ]),
    );
  });

  it('the org plugin brings the group and user pages their profile, members and ownership cards, where Stewardship links owners', () => {
    for (const card of [
      'entity-card:org/group-profile',
      'entity-card:org/members-list',
      'entity-card:org/ownership',
      'entity-card:org/user-profile',
    ] as const) {
      expect(orgPlugin.getExtension(card)).toBeDefined();
    }
  });

  it('the user settings plugin brings the /settings page, where a user picks the theme', () => {
    expect(userSettingsPlugin.getExtension('page:user-settings')).toBeDefined();
  });

  it('the signals plugin gives the app the signal API that live incident refresh listens on', async () => {
    await renderInTestApp(<SignalApiProbe />, { features: [signalsPlugin] });
    expect(await screen.findByText('signal API present')).toBeInTheDocument();
  });

  it('without the signals plugin there is no signal API', async () => {
    await renderInTestApp(<SignalApiProbe />);
    expect(await screen.findByText('no signal API')).toBeInTheDocument();
  });

  it('the notifications plugin brings its API and the /notifications page, whose title and icon make the nav item', () => {
    expect(notificationsPlugin.getExtension('api:notifications')).toBeDefined();
    expect(
      notificationsPlugin.getExtension('page:notifications'),
    ).toBeDefined();
    expect(notificationsPlugin.title).toBe('Notifications');
    expect(notificationsPlugin.icon).toBeTruthy();
  });
});
