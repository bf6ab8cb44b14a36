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

/**
 * Signs in through the sign-in page with the guest provider.
 *
 * Opens `path` (default `/`), clicks the Guest "Enter" button and waits until the sign-in page is
 * gone. Reuse it in every e2e test that only reads.
 */
export async function signInAsGuest(page: Page, path = '/') {
  await page.goto(path);

  const enterButton = page.getByRole('button', { name: 'Enter' });
  await expect(enterButton).toBeVisible();
  await enterButton.click();

  await expect(enterButton).toBeHidden();
}

/**
 * Signs in as one of the demo's people: the guest, or a demo user through the demo sign-in
 * provider ("Sign in as noah.davis" on the sign-in page). Use an owner of the entity a test writes
 * to (e.g. `commerce-owner` for checkout-service); the guest gets 403 for every write.
 */
export async function signInAs(page: Page, who: DemoSignIn, path = '/') {
  if (who === 'guest') {
    await signInAsGuest(page, path);
    return;
  }
  await page.goto(path);

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
