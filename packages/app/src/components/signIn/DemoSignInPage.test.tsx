import { fireEvent, screen, waitFor } from '@testing-library/react';
import {
  configApiRef,
  discoveryApiRef,
  IdentityApi,
} from '@backstage/core-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { DemoSignInPage } from './DemoSignInPage';

const NOAH = 'user:default/noah.davis';
const DEMO_USERS = {
  auth: {
    providers: {
      demo: {
        users: [
          { userEntityRef: NOAH, description: 'Owns checkout-service' },
          { userEntityRef: 'user:default/sophia.rodriguez' },
        ],
      },
    },
  },
};

/** A token whose payload the sign-in page reads its expiry from. */
const token = `h.${btoa(JSON.stringify({ exp: Date.now() / 1000 + 3600 }))}.s`;

/** What the backend's /refresh answers for `userEntityRef`. */
function session(userEntityRef: string) {
  return {
    profile: { displayName: 'Noah Davis' },
    backstageIdentity: {
      token,
      identity: {
        type: 'user',
        userEntityRef,
        ownershipEntityRefs: [userEntityRef, 'group:default/commerce'],
      },
    },
  };
}

function jsonResponse(status: number, body: unknown) {
  return {
    ok: status < 400,
    status,
    statusText: status < 400 ? 'OK' : 'Forbidden',
    url: '',
    headers: { get: () => 'application/json' },
    json: async () => body,
    text: async () => JSON.stringify(body),
  } as unknown as Response;
}

const fetchMock = jest.fn();

async function renderPage(data: object) {
  const onSignInSuccess = jest.fn<void, [IdentityApi]>();
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [
          configApiRef,
          mockApis.config({ data: { app: { title: 'Demo' }, ...data } }),
        ],
        [discoveryApiRef, mockApis.discovery()],
      ]}
    >
      <DemoSignInPage onSignInSuccess={onSignInSuccess} />
    </TestApiProvider>,
  );
  return onSignInSuccess;
}

describe('DemoSignInPage', () => {
  beforeEach(() => {
    localStorage.clear();
    fetchMock.mockReset();
    global.fetch = fetchMock;
  });

  it('is the stock guest sign-in page when no demo users are configured', async () => {
    await renderPage({});
    expect(
      await screen.findByRole('button', { name: 'Enter' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Sign in as/ })).toBeNull();
  });

  it('signs in as the demo user chosen, through the demo provider, until signing out', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, session(NOAH)));
    const onSignInSuccess = await renderPage(DEMO_USERS);
    expect(screen.getByText('Owns checkout-service')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Sign in as sophia.rodriguez' }),
    ).toBeInTheDocument();

    fireEvent.click(
      screen.getByRole('button', { name: 'Sign in as noah.davis' }),
    );

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('http://example.com/api/auth/demo/refresh');
    expect(new Headers(init.headers).get('x-stewardship-demo-user')).toBe(NOAH);
    const identity = onSignInSuccess.mock.calls[0][0];
    await expect(identity.getBackstageIdentity()).resolves.toMatchObject({
      userEntityRef: NOAH,
    });
    await expect(identity.getCredentials()).resolves.toEqual({ token });
    expect(
      JSON.parse(localStorage.getItem('stewardship-demo:sign-in')!),
    ).toEqual({ provider: 'demo', userEntityRef: NOAH });

    await identity.signOut();
    expect(localStorage.getItem('stewardship-demo:sign-in')).toBeNull();
  });

  it('signs the guest in through the guest provider', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(200, session('user:development/guest')),
    );
    const onSignInSuccess = await renderPage(DEMO_USERS);
    fireEvent.click(screen.getByRole('button', { name: 'Enter' }));
    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    expect(fetchMock.mock.calls[0][0]).toBe(
      'http://example.com/api/auth/guest/refresh',
    );
  });

  it('signs the same person in again after a reload, without asking', async () => {
    localStorage.setItem(
      'stewardship-demo:sign-in',
      JSON.stringify({ provider: 'demo', userEntityRef: NOAH }),
    );
    fetchMock.mockResolvedValue(jsonResponse(200, session(NOAH)));
    const onSignInSuccess = await renderPage(DEMO_USERS);
    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole('button', { name: /Sign in as/ })).toBeNull();
  });

  it('says why a refused sign-in failed and offers the choice again', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(403, {
        error: {
          name: 'NotAllowedError',
          message:
            'The demo sign-in provider only works in development (NODE_ENV=development)',
        },
        response: { statusCode: 403 },
      }),
    );
    const onSignInSuccess = await renderPage(DEMO_USERS);
    fireEvent.click(
      screen.getByRole('button', { name: 'Sign in as noah.davis' }),
    );

    expect(
      await screen.findByText(
        /Signing in failed: The demo sign-in provider only works in development/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Choose who to sign in as' }),
    ).toBeInTheDocument();
    expect(onSignInSuccess).not.toHaveBeenCalled();
  });
});
