import { expect, Page } from '@playwright/test';

/**
 * Signs in through the legacy sign-in page with the guest provider.
 *
 * Opens `path` (default `/`), clicks the Guest "Enter" button and waits until the sign-in page is
 * gone. Reuse it in every e2e test that needs a signed-in user.
 */
export async function signInAsGuest(page: Page, path = '/') {
  await page.goto(path);

  const enterButton = page.getByRole('button', { name: 'Enter' });
  await expect(enterButton).toBeVisible();
  await enterButton.click();

  await expect(enterButton).toBeHidden();
}
