/*
 * Playwright's `test`, for every e2e test here: a test during which a page of the app threw an
 * uncaught error (an exception no code caught, or a promise rejection no code handled) fails,
 * naming the errors, even when everything it asserted held. Such an error can leave a page
 * half-broken without any assertion noticing: Material UI's ripple crash replaced a whole tab
 * with Backstage's error page only on a busy machine, and was found by a retry. Pages of other
 * origins a test opens (Prometheus' own UI) are not the app's, and are left alone.
 */
import { BrowserContext, expect, Page, test as base } from '@playwright/test';

/**
 * The uncaught errors of the pages of `context` while they show `appOrigin`, each with its page's
 * address, from now on: the pages open already and those opened later.
 */
export function collectPageErrors(
  context: BrowserContext,
  appOrigin: string,
): string[] {
  const errors: string[] = [];
  const watch = (page: Page) =>
    page.on('pageerror', error => {
      if (new URL(page.url()).origin !== appOrigin) return;
      // The stack starts with the name and message.
      errors.push(
        `${page.url()}\n${error.stack ?? `${error.name}: ${error.message}`}`,
      );
    });
  context.pages().forEach(watch);
  context.on('page', watch);
  return errors;
}

export const test = base.extend<{ failOnPageErrors: void }>({
  failOnPageErrors: [
    async ({ context, baseURL }, use) => {
      const errors = collectPageErrors(context, new URL(baseURL!).origin);
      await use();
      expect(
        errors,
        `uncaught errors in the app's page:\n\n${errors.join('\n\n')}`,
      ).toEqual([]);
    },
    { auto: true },
  ],
});
