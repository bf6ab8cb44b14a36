import { expect, Page } from '@playwright/test';

/**
 * The demo's people, as the e2e tests sign in (app-config.demo.yaml, examples/org.yaml). Under the
 * demo's permission policy (packages/backend/src/permissionPolicy.ts) the guest owns nothing and
 * may only read; an owner may change the Stewardship data (SLOs, incidents, …) of the entities
 * their team owns; the admin may change everything.
 */
export const DEMO_USERS = {
  /** `user:development/guest`: owns nothing, reads everything. */
  guest: 'user:development/guest',
  /** Commerce Team: owns checkout-service, order-service, shipping-service, storefront-web, … */
  'commerce-owner': 'user:default/noah.davis',
  /** Platform Team: owns auth-service, notification-service, ci-pipelines, … */
  'platform-owner': 'user:default/ethan.clark',
  /** Platform Admins (and Platform Team): may change everything. */
  admin: 'user:default/sophia.rodriguez',
} as const;

/** Who a test signs in as. */
export type DemoSignIn = keyof typeof DEMO_USERS;

/** Whether `name` is one of {@link DEMO_USERS}, e.g. a test's tag without its `@`. */
export function isDemoSignIn(name: string): name is DemoSignIn {
  return Object.hasOwn(DEMO_USERS, name);
}

/** Where the demo sign-in page keeps who to sign in as (packages/app/src/components/signIn). */
const SIGN_IN_CHOICE_KEY = 'stewardship-demo:sign-in';

/**
 * Signs in as the guest: through the sign-in page at `path` (its "Enter" button) when a path is
 * given, else as {@link signInAs} does without one, when the test opens its first page.
 */
export async function signInAsGuest(page: Page, path?: string) {
  await signInAs(page, 'guest', path);
}

/**
 * Signs in as one of the demo's people: the guest, or a demo user through the demo sign-in
 * provider. Use an owner of the entity a test writes to (e.g. `commerce-owner` for
 * checkout-service); the guest gets 403 for every write.
 *
 * With a `path`, it opens the path and signs in through the sign-in page ("Enter" for the guest,
 * "Sign in as noah.davis" for a demo user), as a person would. Without one, the first page the test
 * opens signs in by itself, as the demo app does on a reload: the choice is put where the sign-in
 * page remembers it (localStorage) before the app starts. That spares each test a second load of
 * the app (the sign-in page, then the page under test: about 1 s each on these machines).
 * It is remembered once per tab, so a test that signs out stays signed out across reloads.
 */
export async function signInAs(page: Page, who: DemoSignIn, path?: string) {
  if (path === undefined) {
    const choice =
      who === 'guest'
        ? { provider: 'guest' }
        : { provider: 'demo', userEntityRef: DEMO_USERS[who] };
    await page.addInitScript(
      ({ key, value }) => {
        try {
          // Marked per choice: a second call with another person signs that one in.
          if (window.sessionStorage.getItem(`${key}:e2e:${value}`)) return;
          window.sessionStorage.setItem(`${key}:e2e:${value}`, 'set');
          window.localStorage.setItem(key, value);
        } catch {
          // A document without storage (about:blank) signs no one in.
        }
      },
      { key: SIGN_IN_CHOICE_KEY, value: JSON.stringify(choice) },
    );
    return;
  }
  await page.goto(path);

  if (who === 'guest') {
    const enterButton = page.getByRole('button', { name: 'Enter' });
    await expect(enterButton).toBeVisible();
    await enterButton.click();
    await expect(enterButton).toBeHidden();
    return;
  }

  const name = DEMO_USERS[who].replace(/^.*\//, '');
  const button = page.getByRole('button', { name: `Sign in as ${name}` });
  await expect(button).toBeVisible();
  await button.click();

  await expect(button).toBeHidden();
  // Signed in once the app's sidebar shows (a refused sign-in shows its error instead).
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Settings' }),
  ).toBeVisible();
}

/**
 * A Backstage token of one of the demo's people, for calling the API as them
 * (`Authorization: Bearer …`), from the same sign-in providers the app uses.
 */
export async function tokenOf(page: Page, who: DemoSignIn): Promise<string> {
  const res = await page.request.get(
    who === 'guest' ? '/api/auth/guest/refresh' : '/api/auth/demo/refresh',
    {
      headers: {
        'X-Requested-With': 'XMLHttpRequest',
        ...(who === 'guest'
          ? {}
          : { 'x-stewardship-demo-user': DEMO_USERS[who] }),
      },
    },
  );
  expect(res.status(), `signing in as ${who}`).toBe(200);
  return (await res.json()).backstageIdentity.token;
}
