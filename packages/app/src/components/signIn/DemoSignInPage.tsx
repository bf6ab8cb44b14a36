/*
 * DEMO ONLY — a sign-in page that lets anyone pick who to be: the guest (who owns nothing and may
 * only read) or one of the demo users that `auth.providers.demo.users` lists (app-config.demo.yaml),
 * e.g. an owner of checkout-service or a platform admin, so the demo can show what each may do.
 * The backend's demo provider (packages/backend/src/demoSignIn.ts) issues their tokens, only in
 * development. Without that config this is the stock guest sign-in page.
 *
 * The choice is kept in localStorage so that reloading the page signs the same person in again
 * (as the stock page does for the guest); signing out forgets it.
 */
import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  Content,
  ErrorPanel,
  Header,
  InfoCard,
  Page,
  ProxiedSignInPage,
  SignInPage,
} from '@backstage/core-components';
import {
  configApiRef,
  IdentityApi,
  SignInPageProps,
  useApi,
} from '@backstage/core-plugin-api';

/** Where the chosen sign-in is remembered across reloads. */
const CHOICE_KEY = 'stewardship-demo:sign-in';

/** The header the demo provider reads the user from (see demoSignIn.ts). */
const DEMO_USER_HEADER = 'x-stewardship-demo-user';

type Choice =
  | { provider: 'guest' }
  | { provider: 'demo'; userEntityRef: string };

type DemoUser = { userEntityRef: string; description?: string };

function readChoice(): Choice | undefined {
  try {
    const stored = JSON.parse(localStorage.getItem(CHOICE_KEY) ?? 'null');
    return stored?.provider === 'guest' ||
      (stored?.provider === 'demo' && typeof stored.userEntityRef === 'string')
      ? stored
      : undefined;
  } catch {
    return undefined;
  }
}

/** The identity as signed in, except that signing out also forgets the choice. */
function forgettingChoiceOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      localStorage.removeItem(CHOICE_KEY);
      await identity.signOut();
    },
  };
}

/** A failed sign-in (e.g. the demo provider is off here): say why, and offer the choice again. */
function SignInFailed(props: { error?: Error }) {
  const error = props.error ?? new Error('Unknown error');
  // A refusal from the backend (a ResponseError) carries the provider's own reason as its cause.
  const reason = error.cause instanceof Error ? error.cause : error;
  return (
    <Content>
      <ErrorPanel
        title={`Signing in failed: ${reason.message}`}
        error={error}
      />
      <Button
        color="primary"
        variant="contained"
        onClick={() => {
          localStorage.removeItem(CHOICE_KEY);
          window.location.reload();
        }}
      >
        Choose who to sign in as
      </Button>
    </Content>
  );
}

/** The user's name in a ref, e.g. `noah.davis` for `user:default/noah.davis`. */
const nameOf = (ref: string) => ref.replace(/^.*[:/]/, '');

export function DemoSignInPage(props: SignInPageProps) {
  const config = useApi(configApiRef);
  const [choice, setChoice] = useState(readChoice);
  const users: DemoUser[] =
    config.getOptionalConfigArray('auth.providers.demo.users')?.map(user => ({
      userEntityRef: user.getString('userEntityRef'),
      description: user.getOptionalString('description'),
    })) ?? [];

  if (users.length === 0) {
    return <SignInPage {...props} auto providers={['guest']} />;
  }

  if (choice) {
    return (
      <ProxiedSignInPage
        {...props}
        provider={choice.provider}
        headers={
          choice.provider === 'demo'
            ? { [DEMO_USER_HEADER]: choice.userEntityRef }
            : undefined
        }
        onSignInSuccess={identity =>
          props.onSignInSuccess(forgettingChoiceOnSignOut(identity))
        }
        ErrorComponent={SignInFailed}
      />
    );
  }

  const choose = (chosen: Choice) => {
    localStorage.setItem(CHOICE_KEY, JSON.stringify(chosen));
    setChoice(chosen);
  };
  return (
    <Page themeId="home">
      <Header
        title={config.getOptionalString('app.title') ?? 'Backstage'}
        subtitle="Demo sign-in: choose who to be"
      />
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12} sm={6} md={4}>
            <InfoCard
              title="Guest"
              variant="fullHeight"
              actions={
                <Button
                  color="primary"
                  variant="outlined"
                  onClick={() => choose({ provider: 'guest' })}
                >
                  Enter
                </Button>
              }
            >
              <Typography variant="body1">
                Owns nothing: may look at everything and change nothing.
              </Typography>
            </InfoCard>
          </Grid>
          {users.map(user => (
            <Grid item xs={12} sm={6} md={4} key={user.userEntityRef}>
              <InfoCard
                title={nameOf(user.userEntityRef)}
                subheader={user.userEntityRef}
                variant="fullHeight"
                actions={
                  <Button
                    color="primary"
                    variant="outlined"
                    onClick={() =>
                      choose({
                        provider: 'demo',
                        userEntityRef: user.userEntityRef,
                      })
                    }
                  >
                    Sign in as {nameOf(user.userEntityRef)}
                  </Button>
                }
              >
                <Typography variant="body1">
                  {user.description ?? 'A demo user.'}
                </Typography>
              </InfoCard>
            </Grid>
          ))}
        </Grid>
      </Content>
    </Page>
  );
}
