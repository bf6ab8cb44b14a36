/*
 * Playwright's `test`, for every e2e test here: a test during which a page of the app threw an
 * uncaught error (an exception no code caught, or a promise rejection no code handled) fails,
 * naming the errors, even when everything it asserted held. Such an error can leave a page
 * half-broken without any assertion noticing: Material UI's ripple crash replaced a whole tab
 * with Backstage's error page only on a busy machine, and was found by a retry. Pages of other
 * origins a test opens (Prometheus' own UI) are not the app's, and are left alone.
 *
 * Errors the page logs (an error boundary's catch among them: React logs what it caught, and a
 * card then shows "Something went wrong" without any uncaught error) are printed with the test's
 * output, the test going on: tests provoke some on purpose, but one seen once in a flaky run
 * otherwise leaves no trace of what broke. A resource that failed to load is left out (tests
 * answer 4xx and 5xx on purpose, and the request's own test asserts them).
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
  const watch = (page: Page) => {
    page.on('console', message => {
      if (message.type() !== 'error') return;
      if (new URL(page.url()).origin !== appOrigin) return;
      const text = message.text();
      if (text.startsWith('Failed to load resource')) return;
      // eslint-disable-next-line no-console
      console.log(`[page console.error] ${page.url()}\n${text.slice(0, 2000)}`);
    });
    page.on('pageerror', error => {
      if (new URL(page.url()).origin !== appOrigin) return;
      // The stack starts with the name and message.
      errors.push(
        `${page.url()}\n${error.stack ?? `${error.name}: ${error.message}`}`,
      );
    });
  };
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
