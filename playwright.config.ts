/*
 * End-to-end tests for the Stewardship app.
 *
 * `scripts/test.sh` builds the app, starts the backend alone with app-config.e2e.yaml (so the backend
 * serves the built app on :7007) and then runs `yarn test:e2e`. There is deliberately no `webServer`
 * here, and no `generateProjects()` from @backstage/e2e-test-utils: that helper forces
 * `channel: 'chrome'`, which these machines do not have. We drive Debian's Chromium instead.
 *
 * Environment:
 *   PLAYWRIGHT_URL         base URL of a running Backstage (default http://localhost:7007)
 *   CHROMIUM_PATH          Chromium executable (default /usr/bin/chromium)
 *   STEWARDSHIP_E2E_SHARD  `1` or `2`: only that shard's test files (below); unset: all of them
 */

import { defineConfig } from '@playwright/test';

/**
 * The test files of shard 1; shard 2 runs every other file, so a new file runs without being
 * listed. scripts/test.sh runs the two shards side by side, each against a backend of its own (its
 * own in-memory database, seeded alike), because one Playwright worker kept the two cores only
 * ~75 % busy and the suite was the longest step of CI. Each shard runs its files in the order one
 * run would, and never shares a backend, so no test sees another shard's writes. The split
 * balances the files' durations in one run (shard 1 ~370 s, shard 2 ~360 s of tests).
 */
const SHARD_ONE = [
  'a11ySweep',
  'app-next',
  'localTime',
  'narrowWindow',
  'ownership',
  'slos',
].map(name => `**/e2e-tests/${name}.test.ts`);

const shard = process.env.STEWARDSHIP_E2E_SHARD;
if (shard !== undefined && shard !== '1' && shard !== '2') {
  throw new Error(`STEWARDSHIP_E2E_SHARD must be 1 or 2, not '${shard}'`);
}
/** Where this run's results go: one folder per shard, as both shards run at once. */
const suffix = shard ? `-${shard}` : '';

export default defineConfig({
  timeout: 60_000,

  expect: {
    timeout: 10_000,
  },

  forbidOnly: !!process.env.CI,
  // One retry under CI, as Backstage's own e2e config does: a test that fails twice fails the run;
  // one that passes on its retry is reported as flaky, and scripts/test.sh repeats that list
  // after the summary, so a flake is seen (and traced) rather than failing an unrelated change.
  retries: process.env.CI ? 1 : 0,
  workers: 1,

  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: `e2e-test-report${suffix}` }],
  ],

  outputDir: `node_modules/.cache/e2e-test-results${suffix}`,

  use: {
    actionTimeout: 0,
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:7007',
    screenshot: 'only-on-failure',
    // Traced on the retry only (CI retries once): a trace of every test, kept on failure
    // (`retain-on-failure`), made the keyboard tests ~30 % slower and the whole run ~3 minutes
    // longer on two cores. A test that fails twice keeps the retry's trace; its first failure keeps
    // its screenshot.
    trace: 'on-first-retry',
  },

  projects: [
    {
      name: 'app',
      testDir: 'packages/app/e2e-tests',
      ...(shard === '1' && { testMatch: SHARD_ONE }),
      ...(shard === '2' && { testIgnore: SHARD_ONE }),
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
});
