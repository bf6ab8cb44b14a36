/* eslint-disable no-restricted-imports */
/*
 * Who may change what, end to end, under the demo's permission policy
 * (packages/backend/src/permissionPolicy.ts): the guest owns nothing, so reads the SLOs tab but
 * is offered no change, and a change forced through the API is refused with a 403 naming the
 * permission; checkout-service's owner (the Commerce Team) is offered every change on it but none
 * on the Payments Team's; a platform admin is offered them everywhere.
 *
 * The demo's people are signed in as the app does it (signIn.ts): the guest provider and the
 * demo-only provider of app-config.demo.yaml.
 *
 * Screenshots (the guest's tab in both themes, the sign-in page) land in docs/screenshots/.
 */
import { expect, Page } from '@playwright/test';
import { test } from './pageErrors';
import path from 'path';
import { BACKSTAGE_CHROME, expectNoSeriousA11yViolations } from './axe';
import { DemoSignIn, signInAs, tokenOf } from './signIn';

const screenshots = path.resolve(__dirname, '../../../docs/screenshots');

test.use({ timezoneId: 'UTC', viewport: { width: 1440, height: 1000 } });

/** A valid SLO for checkout-service (the permission is checked before anything is stored). */
const CHECKOUT_SLO = {
  entityRef: 'component:default/checkout-service',
  name: 'forced-by-e2e',
  sli: {
    type: 'ratio',
    good: 'http_requests_total{service="checkout-service",code="200"}',
    total: 'http_requests_total{service="checkout-service"}',
  },
  objective: 0.99,
  timeWindow: { type: 'rolling', duration: '7d' },
  budgetingMethod: 'occurrences',
  metricSource: 'demo-prometheus',
};

/** What the release gate says when an entity's spent budget blocks releases. */
const BLOCKED =
  'Block: no releases until the error budget recovers (or an override is granted).';

/** Opens an entity's SLOs tab once its SLO `name` is listed, and every permission is asked. */
async function openSlosTab(page: Page, entity: string, name: string) {
  await page.goto(`/catalog/default/component/${entity}/slos`);
  await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
  // Each button asks the permission backend; wait until all of them have their answer.
  await page.waitForLoadState('networkidle');
}

/** The buttons that change something on the SLOs tab. */
function changeButtons(page: Page) {
  return {
    create: page.getByRole('button', { name: 'Create SLO', exact: true }),
    import: page.getByRole('button', { name: 'Import YAML', exact: true }),
    edit: page.getByRole('button', { name: 'Edit availability' }),
  };
}

async function apiAs(page: Page, who: DemoSignIn) {
  return {
    headers: { Authorization: `Bearer ${await tokenOf(page, who)}` },
  };
}

test.describe('permissions', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`the guest reads the SLOs tab and is offered no change (${theme} theme)`, async ({
      page,
    }) => {
      await page.addInitScript(
        t => window.localStorage.setItem('theme', t),
        theme,
      );
      await signInAs(page, 'guest');
      await openSlosTab(page, 'checkout-service', 'availability');

      await expect(
        page.getByText('You may not add SLOs to this entity.'),
      ).toBeVisible();
      const buttons = changeButtons(page);
      await expect(buttons.create).toHaveCount(0);
      await expect(buttons.import).toHaveCount(0);
      await expect(buttons.edit).toHaveCount(0);
      // (No override check here: checkout-service's gate warns, and only a blocking gate offers
      // one; the guest on a blocked gate is the test below.)
      await page.screenshot({
        path: path.join(screenshots, `slos-tab-guest-${theme}.png`),
      });
      // Reading is not changing: the details still open.
      await page
        .getByRole('button', { name: 'Show details of availability' })
        .click();
      await expect(page.getByText('Error budget burndown')).toBeVisible();
      await expectNoSeriousA11yViolations(page, {
        exclude: BACKSTAGE_CHROME,
        label: `the guest's SLOs tab (${theme})`,
      });
    });
  }

  test('a change the guest forces through the API is refused, naming the permission', async ({
    page,
  }) => {
    const asGuest = await apiAs(page, 'guest');

    const created = await page.request.post('/api/stewardship/slos', {
      ...asGuest,
      data: CHECKOUT_SLO,
    });
    expect(created.status()).toBe(403);
    expect((await created.json()).error).toMatchObject({
      name: 'NotAllowedError',
      message:
        'Permission stewardship.slo.create is denied for component:default/checkout-service',
    });

    // The guest may read the SLO, but not change it.
    const list = await page.request.get(
      '/api/stewardship/entities/component/default/checkout-service/slos',
      asGuest,
    );
    expect(list.status()).toBe(200);
    const { slo } = (await list.json()).items.find(
      (item: any) => item.slo.name === 'availability',
    );
    const { id, createdAt: _c, updatedAt: _u, ...spec } = slo;
    const updated = await page.request.put(`/api/stewardship/slos/${id}`, {
      ...asGuest,
      data: { ...spec, description: 'Changed by the guest' },
    });
    expect(updated.status()).toBe(403);
    expect((await updated.json()).error.message).toBe(
      'Permission stewardship.slo.update is denied for component:default/checkout-service',
    );
    const deleted = await page.request.delete(`/api/stewardship/slos/${id}`, {
      ...asGuest,
    });
    expect(deleted.status()).toBe(403);
    expect((await deleted.json()).error.message).toContain(
      'stewardship.slo.delete',
    );

    const overridden = await page.request.post(
      '/api/stewardship/entities/component/default/legacy-billing/release-gate/overrides',
      {
        ...asGuest,
        data: {
          justification: 'Forced by the guest',
          expiresAt: new Date(Date.now() + 3600_000).toISOString(),
        },
      },
    );
    expect(overridden.status()).toBe(403);
    expect((await overridden.json()).error.message).toBe(
      'Permission stewardship.release-gate.override is denied for component:default/legacy-billing',
    );
  });

  test("checkout-service's owner is offered every change on it, and none on another team's entity", async ({
    page,
  }) => {
    await signInAs(page, 'commerce-owner');
    await openSlosTab(page, 'checkout-service', 'availability');
    const buttons = changeButtons(page);
    await expect(buttons.create).toBeVisible();
    await expect(buttons.import).toBeVisible();
    await expect(buttons.edit).toBeVisible();
    await expect(
      page.getByText('You may not add SLOs to this entity.'),
    ).toHaveCount(0);

    // payment-gateway is the Payments Team's: the Commerce Team's engineer may only read it.
    await openSlosTab(page, 'payment-gateway', 'availability');
    await expect(
      page.getByText('You may not add SLOs to this entity.'),
    ).toBeVisible();
    await expect(changeButtons(page).edit).toHaveCount(0);

    // And the API agrees: the permission is checked against the entity, not the caller's team.
    const res = await page.request.post('/api/stewardship/slos', {
      ...(await apiAs(page, 'commerce-owner')),
      data: { ...CHECKOUT_SLO, entityRef: 'component:default/payment-gateway' },
    });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.message).toBe(
      'Permission stewardship.slo.create is denied for component:default/payment-gateway',
    );
  });

  test('a platform admin is offered changes on an entity their team does not own', async ({
    page,
  }) => {
    await signInAs(page, 'admin');
    await openSlosTab(page, 'checkout-service', 'availability');
    const buttons = changeButtons(page);
    await expect(buttons.create).toBeVisible();
    await expect(buttons.import).toBeVisible();
    await expect(buttons.edit).toBeVisible();

    // legacy-billing's budget is spent, so its release gate blocks: the admin may override it.
    await openSlosTab(page, 'legacy-billing', 'availability');
    await expect(page.getByText(BLOCKED)).toBeVisible();
    await expect(
      page.getByRole('button', { name: 'Override the block…' }),
    ).toBeVisible();
  });

  test('the API lets the owner and a platform admin do what the tab offers them, not the guest', async ({
    page,
  }) => {
    // An SLI preview needs stewardship.slo.create on the entity, like a create, but stores nothing.
    for (const who of ['commerce-owner', 'admin'] as const) {
      const res = await page.request.post('/api/stewardship/slos/preview', {
        ...(await apiAs(page, who)),
        data: CHECKOUT_SLO,
      });
      expect(res.status(), `${who}'s preview`).toBe(200);
    }
    const res = await page.request.post('/api/stewardship/slos/preview', {
      ...(await apiAs(page, 'guest')),
      data: CHECKOUT_SLO,
    });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.message).toBe(
      'Permission stewardship.slo.create is denied for component:default/checkout-service',
    );
  });

  test('the guest is not offered to override a blocking release gate', async ({
    page,
  }) => {
    await signInAs(page, 'guest');
    await openSlosTab(page, 'legacy-billing', 'availability');
    await expect(page.getByText(BLOCKED)).toBeVisible();
    await expect(
      page.getByRole('button', { name: 'Override the block…' }),
    ).toHaveCount(0);
  });

  test('an override that ends on a page left open gives way to the block then, with no signal to say so', async ({
    page,
  }) => {
    // Nothing reaches the page on its signals websocket: only the gate's own answer (it holds
    // until the override ends) can tell the page to read again before its ten-minute silence read.
    await page.routeWebSocket(/\/api\/signals/, () => {});
    const gatePath =
      '/api/stewardship/entities/component/default/legacy-billing/release-gate';
    let gateReads = 0;
    await page.route(
      url => url.pathname === gatePath,
      route => {
        gateReads += 1;
        return route.fallback();
      },
    );
    await signInAs(page, 'admin');
    // Long enough to open the tab before it ends on a loaded machine; a real wait, since the
    // backend's clock decides when it ends.
    const expiresAt = Date.now() + 20_000;
    const created = await page.request.post(`${gatePath}/overrides`, {
      ...(await apiAs(page, 'admin')),
      data: {
        justification: 'Rollback of a bad config',
        expiresAt: new Date(expiresAt).toISOString(),
      },
    });
    expect(created.status()).toBe(201);
    await openSlosTab(page, 'legacy-billing', 'availability');
    await expect(page.getByText('Override in force')).toBeVisible();
    await expect(page.getByText(/^Warn: releases may go ahead/)).toBeVisible();
    const readsWhileOverridden = gateReads;

    await expect(page.getByText(BLOCKED)).toBeVisible({ timeout: 40_000 });
    await expect(page.getByText('Override in force')).toHaveCount(0);
    // Shown and said, in a status line of the card: the decision's words changed in place.
    await expect(
      page
        .getByRole('status')
        .getByText(
          /^Updated \d{4}-\d\d-\d\d \d\d:\d\d UTC: The release gate now says block \(was warn\): the override by sophia\.rodriguez ended\.$/,
        ),
    ).toBeVisible();
    // One read, made once the override had ended.
    expect(gateReads).toBe(readsWhileOverridden + 1);
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt);
    await expectNoSeriousA11yViolations(page, {
      exclude: BACKSTAGE_CHROME,
      label: 'the release gate once its override ended on an open page',
    });
    await page.getByRole('region', { name: 'Release gate' }).screenshot({
      path: path.join(screenshots, 'release-gate-override-ended.png'),
    });
  });

  test('the sign-in page offers the guest and the demo users', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(page.getByRole('button', { name: 'Enter' })).toBeVisible();
    for (const name of ['noah.davis', 'ethan.clark', 'sophia.rodriguez']) {
      await expect(
        page.getByRole('button', { name: `Sign in as ${name}` }),
      ).toBeVisible();
    }
    await expectNoSeriousA11yViolations(page, { label: 'the sign-in page' });
    await page.screenshot({
      path: path.join(screenshots, 'demo-sign-in.png'),
    });

    // A reload signs the same person in again; signing out forgets them.
    await page.getByRole('button', { name: 'Sign in as noah.davis' }).click();
    await expect(
      page
        .getByRole('navigation', { name: 'sidebar nav' })
        .getByRole('link', { name: 'Settings' }),
    ).toBeVisible();
    await page.reload();
    await expect(
      page
        .getByRole('navigation', { name: 'sidebar nav' })
        .getByRole('link', { name: 'Settings' }),
    ).toBeVisible();
    await page.goto('/settings');
    await expect(page.getByText('Noah Davis').first()).toBeVisible();
  });
});
