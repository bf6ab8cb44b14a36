import { expect } from '@playwright/test';
import { test } from './pageErrors';
import { signInAsGuest } from './signIn';

test('a guest can sign in and lands on the catalog', async ({ page }) => {
  await signInAsGuest(page, '/');

  // `/` redirects to the catalog index page, titled "<organization.name> Catalog".
  await expect(page).toHaveURL(/\/catalog/);
  await expect(
    page.getByRole('heading', { level: 1, name: /Catalog$/ }),
  ).toBeVisible();
});
