import { expect } from '@playwright/test';
import { test } from './pageErrors';
import { signInAs, tokenOf } from './signIn';
import { orderServiceSloSpec } from './sloYaml';

/*
 * SLO status notifications reach the demo's real notifications backend. The scheduled evaluation
 * (every 10 s in the e2e configuration) tells the owners when an SLO's status changes: an SLO of
 * order-service (owned by the commerce team, with noah.davis) over the demo's checkout traffic,
 * which has failed at 3 % since the bad deploy a few hours ago. Over 30 days at 99 % that is
 * healthy (a 1 h burn of about 3, under the 14.4 page); at 99.9 % the burn is about 30 and the
 * pages fire (at-risk, as the demo's own checkout SLO); back at 99 % it is healthy again. The owner's
 * inbox holds ONE notification for the SLO, updated in place (its scope is the SLO); the guest, who
 * owns nothing, gets none.
 */
test.use({ timezoneId: 'UTC' });

const TOPIC = 'stewardship-slo-status';

test("an SLO's status change lands in its owners' notifications, once per SLO", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAs(page, 'commerce-owner');
  const owner = await tokenOf(page, 'commerce-owner');
  const guest = await tokenOf(page, 'guest');
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  const spec = (objective: number) =>
    orderServiceSloSpec('notified-availability', objective);
  const created = await page.request.post('/api/stewardship/slos', {
    headers: as(owner),
    data: spec(0.99),
  });
  expect(created.status()).toBe(201);
  let slo = await created.json();
  const scheduledStatus = async () => {
    const res = await page.request.get(
      '/api/stewardship/entities/component/default/order-service/slos',
      { headers: as(owner) },
    );
    const item = (await res.json()).items.find((i: any) => i.slo.id === slo.id);
    // Only a snapshot of the SLO's current version counts.
    return item?.evaluation?.sloVersion === slo.version
      ? (item.evaluation.status as string)
      : undefined;
  };
  const setObjective = async (objective: number) => {
    const res = await page.request.put(`/api/stewardship/slos/${slo.id}`, {
      headers: as(owner),
      data: { ...spec(objective), version: slo.version },
    });
    expect(res.status()).toBe(200);
    slo = await res.json();
  };
  const mine = async (token: string) => {
    const res = await page.request.get(
      `/api/notifications/notifications?topic=${TOPIC}&limit=100`,
      { headers: as(token) },
    );
    expect(res.status()).toBe(200);
    const body = await res.json();
    return ((body.notifications ?? body) as Array<any>).filter(
      n => n.payload?.scope === `stewardship-slo:${slo.id}`,
    );
  };
  const poll = { timeout: 60_000, intervals: [2_000] };

  try {
    await expect.poll(scheduledStatus, poll).toBe('healthy');
    await setObjective(0.999);
    await expect.poll(async () => (await mine(owner)).length, poll).toBe(1);
    const [first] = await mine(owner);
    expect(first.payload.title).toMatch(
      /^order-service: SLO "notified-availability" is (at-risk|exhausted) \(was healthy\)$/,
    );
    const was = /is (at-risk|exhausted)/.exec(first.payload.title)![1];

    await setObjective(0.99);
    await expect
      .poll(async () => (await mine(owner))[0]?.payload.title, poll)
      .toBe(
        `order-service: SLO "notified-availability" is healthy (was ${was})`,
      );
    // Updated in place: still one notification for the SLO; none for the guest.
    expect(await mine(owner)).toHaveLength(1);
    expect(await mine(guest)).toHaveLength(0);
  } finally {
    await page.request.delete(`/api/stewardship/slos/${slo.id}`, {
      headers: as(owner),
    });
  }
});
