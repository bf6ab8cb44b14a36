/* eslint-disable no-restricted-imports */
/*
 * The catalog relations module end to end: the demo backend (with
 * @stewardship/backstage-plugin-stewardship-backend-module-catalog) processes the demo catalog in
 * examples/, the catalog API answers `relations.<type>` filters, and the legacy app's entity page
 * draws the relations in its graph card (packages/app/src/apis.ts registers them).
 *
 * Expected entities are read off examples/entities.yaml by hand: michael.brown is the business owner
 * declared on domain:payments, component:payment-gateway and api:billing-events; legacy-billing
 * lists two business owners (invalid, so no relation). isabella.lopez is the product owner declared
 * on domain:commerce and component:checkout-service; product-catalog writes a bare name (invalid).
 */
import { expect, Page } from '@playwright/test';
import { test } from './pageErrors';
import { signInAsGuest, tokenOf } from './signIn';

async function byQuery(page: Page, filter: string): Promise<string[]> {
  const res = await page.request.get(
    `/api/catalog/entities/by-query?filter=${encodeURIComponent(filter)}`,
    {
      headers: { Authorization: `Bearer ${await tokenOf(page, 'guest')}` },
    },
  );
  expect(res.status(), filter).toBe(200);
  const { items } = await res.json();
  return items
    .map(
      (e: { kind: string; metadata: { name: string } }) =>
        `${e.kind.toLowerCase()}:${e.metadata.name}`,
    )
    .sort();
}

test.describe('catalog relations', () => {
  test('the catalog API answers the Stewardship relations both ways', async ({
    page,
  }) => {
    expect(
      await byQuery(
        page,
        'relations.businessownedby=user:default/michael.brown',
      ),
    ).toEqual([
      'api:billing-events',
      'component:payment-gateway',
      'domain:payments',
    ]);
    expect(
      await byQuery(
        page,
        'relations.productownedby=user:default/isabella.lopez',
      ),
    ).toEqual(['component:checkout-service', 'domain:commerce']);
    expect(
      await byQuery(
        page,
        'relations.businessownerof=component:default/payment-gateway',
      ),
    ).toEqual(['user:michael.brown']);
    expect(
      await byQuery(
        page,
        'relations.engineeringownerof=component:default/payment-gateway',
      ),
    ).toEqual(['group:payments']);
    // spec.owner's relation is unchanged: the Stewardship roles add no ownedBy.
    expect(
      await byQuery(page, 'relations.ownedby=user:default/michael.brown'),
    ).toEqual([]);
  });

  test('the entity page draws them in the relations graph', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1440, height: 1000 });
    await signInAsGuest(page, '/catalog/default/component/payment-gateway');
    // The graph's own <svg> (the first one holding the entity's node; node icons are svgs too).
    const graph = page
      .locator('svg')
      .filter({ has: page.getByText('Payment Gateway', { exact: true }) })
      .first();
    // Each edge is labelled with its relations, merged per pair ("businessOwnerOf / businessOwnedBy").
    for (const type of ['business', 'product', 'engineering']) {
      await expect(
        graph.getByText(`${type}OwnerOf`, { exact: true }),
        `${type} edge`,
      ).toBeVisible();
    }
  });
});
