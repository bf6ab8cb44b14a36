/* eslint-disable no-restricted-imports */
import { expect } from '@playwright/test';
import { test } from './pageErrors';
import { signInAs } from './signIn';

/*
 * The forms take moments in the browser's local time ("your local time") and the pages show
 * moments in UTC, saying so. Every other e2e file runs the browser in UTC, where the two read
 * alike; this one runs it in America/St_Johns (UTC−03:30 until March), whose offset is not whole
 * hours, so a moment sent as typed, or shown in the wrong zone, cannot pass. The wall-clock text
 * the test types is written by Intl for that zone, in the test's own process, not by the app.
 */
const ZONE = 'America/St_Johns';
test.use({ timezoneId: ZONE, viewport: { width: 1440, height: 1000 } });

const auth = { Authorization: 'Bearer stewardship-demo-seed-token' };
const MINUTE_MS = 60_000;

/** `instant` as a datetime-local input in `ZONE` shows it: `YYYY-MM-DDTHH:mm`. */
function wallClockIn(zone: string, instant: Date): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(instant)
    .replace(' ', 'T');
}

/** Whole minutes `minutes` ago: what a datetime-local input can name. */
function minutesAgo(minutes: number): Date {
  return new Date(
    Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS - minutes * MINUTE_MS,
  );
}

/** How the pages show an instant: `YYYY-MM-DD HH:mm UTC`. */
const shownUtc = (instant: Date) =>
  `${instant.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

test.describe(`moments typed in local time (${ZONE})`, () => {
  test('the zone is not UTC here, so these tests can tell local time from UTC', async () => {
    const sample = minutesAgo(0);
    expect(wallClockIn(ZONE, sample)).not.toBe(
      sample.toISOString().slice(0, 16),
    );
  });

  test('an incident recorded and resolved in local time is stored at the instants typed, and shown in UTC', async ({
    page,
    request,
  }) => {
    await signInAs(page, 'commerce-owner');
    const title = `Queue backlog in Newfoundland ${Date.now()}`;
    const started = minutesAgo(52);
    const detected = minutesAgo(37);
    const resolved = minutesAgo(6);

    await page.goto('/catalog/default/component/checkout-service/slos');
    const section = page.getByRole('region', {
      name: 'Incidents',
      exact: true,
    });
    await section.getByRole('button', { name: 'Record incident' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record incident' });
    await dialog.getByLabel('Title').fill(title);
    await dialog
      .getByLabel('Started (your local time)')
      .fill(wallClockIn(ZONE, started));
    await dialog
      .getByLabel('Detected (your local time)')
      .fill(wallClockIn(ZONE, detected));
    await dialog.getByRole('button', { name: 'Record' }).click();
    await expect(dialog).toBeHidden();

    const row = section.getByRole('region', { name: new RegExp(title) });
    await row.getByRole('button', { name: `Show details of ${title}` }).click();
    await row.getByRole('button', { name: `Resolve — ${title}` }).click();
    const resolve = page.getByRole('dialog', { name: `Resolve: ${title}` });
    await resolve
      .getByLabel('Resolved at (your local time)')
      .fill(wallClockIn(ZONE, resolved));
    await resolve.getByRole('button', { name: 'Resolve' }).click();
    await expect(resolve).toBeHidden();

    // Shown in UTC, as labelled.
    await expect(row.locator('dt:text-is("Detected") + dd')).toHaveText(
      shownUtc(detected),
    );
    await expect(row.locator('dt:text-is("Resolved") + dd')).toHaveText(
      shownUtc(resolved),
    );

    // Stored at the instants the owner typed.
    const res = await request.get(
      `/api/stewardship/incidents?entity=${encodeURIComponent(
        'component:default/checkout-service',
      )}&limit=500`,
      { headers: auth },
    );
    expect(res.status()).toBe(200);
    const stored = (
      (await res.json()).items as Array<{
        title: string;
        startedAt?: string;
        detectedAt: string;
        resolvedAt?: string;
      }>
    ).find(i => i.title === title);
    expect(stored).toMatchObject({
      startedAt: started.toISOString(),
      detectedAt: detected.toISOString(),
      resolvedAt: resolved.toISOString(),
    });

    // Edited later, the form shows them in local time again.
    await row.getByRole('button', { name: `Edit — ${title}` }).click();
    const edit = page.getByRole('dialog', { name: `Edit incident: ${title}` });
    await expect(edit.getByLabel('Started (your local time)')).toHaveValue(
      wallClockIn(ZONE, started),
    );
    await expect(edit.getByLabel('Detected (your local time)')).toHaveValue(
      wallClockIn(ZONE, detected),
    );
    await edit.getByRole('button', { name: 'Cancel' }).click();
  });

  test('the SLOs tab as of a local moment asks for that instant and says it in UTC', async ({
    page,
  }) => {
    await signInAs(page, 'guest');
    await page.goto('/catalog/default/component/checkout-service/slos');
    const at = minutesAgo(3 * 60 + 17);
    await page
      .getByLabel('As of (your local time)')
      .fill(wallClockIn(ZONE, at));
    await expect
      .poll(() => new URL(page.url()).searchParams.get('at'))
      .toBe(at.toISOString());
    await expect(
      page.getByText(`Showing the state as of ${shownUtc(at)}`),
    ).toBeVisible();
  });
});
