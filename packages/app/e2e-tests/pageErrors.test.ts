import { expect, Page } from '@playwright/test';
import { collectPageErrors, test } from './pageErrors';

/*
 * The check every test gets from ./pageErrors, checked itself, in a browser context of its own
 * (the test's own context fails the test on an app page's error, which is the point elsewhere).
 */
test("collects what an app page throws, not another origin's errors", async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ baseURL });
  try {
    const errors = collectPageErrors(context, new URL(baseURL!).origin);
    const throwSoon = (page: Page, message: string) =>
      page.evaluate(text => {
        setTimeout(() => {
          throw new Error(text);
        }, 0);
      }, message);

    const app = await context.newPage();
    await app.goto('/');
    await throwSoon(app, 'thrown on purpose by pageErrors.test.ts');
    await expect.poll(() => errors.length).toBe(1);
    expect(errors[0]).toContain(
      'Error: thrown on purpose by pageErrors.test.ts',
    );

    const other = await context.newPage();
    await other.goto('about:blank');
    await throwSoon(other, 'not the app');
    // An app page's error in the same time would be in by now.
    await throwSoon(app, 'the app again');
    await expect.poll(() => errors.length).toBe(2);
    expect(errors.join('\n')).not.toContain('not the app');
  } finally {
    await context.close();
  }
});
