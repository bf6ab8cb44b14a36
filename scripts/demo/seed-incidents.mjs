#!/usr/bin/env node
/*
 * Seeds the demo's incident history through the public API (POST /api/stewardship/incidents and
 * …/action-items, with app-config.demo.yaml's static token), consistent with the demo Prometheus
 * history of scripts/demo/demoTraffic.mjs:
 *
 * - checkout-service: the bad deploy 3 hours ago (3 % errors since) is the one open incident, SEV2;
 * - payment-gateway: the restart 10 days ago (its counter reset) was a short SEV4; a SEV2 40 days ago;
 * - legacy-billing (over budget all month): a SEV1 25 days ago and a SEV3 12 days ago;
 * - invoice-service: a SEV5 for its bad slices; storefront-web: a SEV3 fire drill (CDN game day);
 * - action items: one overdue, one done, one open and due next week.
 *
 * Each incident names the SLO of its service as affected once scripts/demo/seed-slos.mjs has
 * imported them (it waits up to 5 minutes for them). Skips everything when incidents exist.
 * Rides out the backend starting or restarting (scripts/demo/seedApi.mjs): each call waits up to
 * 6 minutes for it; then the seeder says what it was waiting for and exits 1.
 */
import { SeedError, WAIT_MS, WaitTimeout, seedApi, sleep } from './seedApi.mjs';

const api = seedApi('demo-incidents');
const { say } = api;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Whole minutes, a minute ago: every moment lies in the past and on a sample of the demo data.
const NOW = Math.floor(Date.now() / MINUTE) * MINUTE - MINUTE;
const ago = ms => new Date(NOW - ms).toISOString();
const day = ms => new Date(NOW + ms).toISOString().slice(0, 10);

/** A call to the stewardship API (`/incidents…`) with a JSON body. */
const call = (method, url, body) =>
  api.call(method, `/api/stewardship${url}`, {
    ...(body && {
      body: JSON.stringify(body),
      contentType: 'application/json',
    }),
  });

/** The id of each service's first SLO, once the SLO seeder has imported them (or none). */
async function sloIds() {
  try {
    return await api.waitFor(
      'SLOs',
      async (msLeft, notYet) => {
        const { status, body } = await api.call(
          'GET',
          '/api/stewardship/slos?limit=500',
          { waitMs: msLeft },
        );
        if (status !== 200) return notYet(`HTTP ${status}`);
        if (body.totalCount === 0) return notYet('none yet');
        const ids = {};
        for (const slo of body.items) {
          const name = slo.entityRef.split('/')[1];
          ids[name] ??= slo.id;
        }
        return ids;
      },
      Math.min(WAIT_MS, 300_000),
    );
  } catch (error) {
    if (!(error instanceof WaitTimeout)) throw error;
    say(
      'no SLOs after 5 minutes: incidents are recorded without affected SLOs',
    );
    return {};
  }
}

const incidents = slo => [
  {
    entityRef: 'component:default/checkout-service',
    title: 'Bad deploy 4.12: 3 % of checkouts fail',
    description:
      'Release 4.12 changed the payment retry policy; card declines now surface as 500s.',
    severity: 'SEV2',
    status: 'acknowledged',
    startedAt: ago(3 * HOUR),
    detectedAt: ago(3 * HOUR - 9 * MINUTE),
    acknowledgedAt: ago(3 * HOUR - 14 * MINUTE),
    affectedSloIds: [slo['checkout-service']],
    actionItems: [
      {
        title: 'Roll back 4.12 and add a canary stage to the checkout pipeline',
        ownerRef: 'group:default/commerce',
        dueDate: day(7 * DAY),
      },
    ],
  },
  {
    entityRef: 'component:default/payment-gateway',
    title: 'Gateway restart dropped in-flight payments',
    severity: 'SEV4',
    status: 'resolved',
    startedAt: ago(10 * DAY),
    detectedAt: ago(10 * DAY - 2 * MINUTE),
    acknowledgedAt: ago(10 * DAY - 5 * MINUTE),
    mitigatedAt: ago(10 * DAY - 9 * MINUTE),
    resolvedAt: ago(10 * DAY - 25 * MINUTE),
    affectedSloIds: [slo['payment-gateway']],
    actionItems: [
      {
        title: 'Drain connections before a restart',
        ownerRef: 'group:default/payments',
        dueDate: day(-5 * DAY),
        status: 'done',
        link: 'https://tickets.example.com/PAY-311',
      },
    ],
  },
  {
    entityRef: 'component:default/payment-gateway',
    title: 'Card network timeouts',
    severity: 'SEV2',
    status: 'resolved',
    startedAt: ago(40 * DAY),
    detectedAt: ago(40 * DAY - 6 * MINUTE),
    acknowledgedAt: ago(40 * DAY - 8 * MINUTE),
    mitigatedAt: ago(40 * DAY - 40 * MINUTE),
    resolvedAt: ago(40 * DAY - 95 * MINUTE),
    postmortemUrl: 'https://docs.example.com/postmortems/card-network-timeouts',
  },
  {
    entityRef: 'component:default/legacy-billing',
    title: 'Invoices not generated for two hours',
    severity: 'SEV1',
    status: 'resolved',
    startedAt: ago(25 * DAY),
    detectedAt: ago(25 * DAY - 35 * MINUTE),
    acknowledgedAt: ago(25 * DAY - 38 * MINUTE),
    mitigatedAt: ago(25 * DAY - 80 * MINUTE),
    resolvedAt: ago(25 * DAY - 155 * MINUTE),
    affectedSloIds: [slo['legacy-billing']],
    postmortemUrl: 'https://docs.example.com/postmortems/invoices-missing',
    actionItems: [
      {
        title: 'Alert on an empty invoice batch',
        ownerRef: 'group:default/payments',
        dueDate: day(-10 * DAY),
        status: 'done',
      },
    ],
  },
  {
    entityRef: 'component:default/legacy-billing',
    title: 'Billing retries fail against the old ledger',
    severity: 'SEV3',
    status: 'resolved',
    detectedAt: ago(12 * DAY),
    acknowledgedAt: ago(12 * DAY - 30 * MINUTE),
    resolvedAt: ago(12 * DAY - 6 * HOUR),
    affectedSloIds: [slo['legacy-billing']],
    actionItems: [
      {
        title: 'Move billing to the new ledger API',
        ownerRef: 'group:default/payments',
        dueDate: day(-3 * DAY), // overdue
        link: 'https://tickets.example.com/BILL-88',
      },
    ],
  },
  {
    entityRef: 'component:default/invoice-service',
    title: 'Slow invoice PDFs during the nightly batch',
    severity: 'SEV5',
    status: 'resolved',
    detectedAt: ago(5 * DAY),
    acknowledgedAt: ago(5 * DAY - 20 * MINUTE),
    resolvedAt: ago(5 * DAY - 2 * HOUR),
    affectedSloIds: [slo['invoice-service']],
  },
  {
    entityRef: 'component:default/storefront-web',
    title: 'Game day: CDN failover',
    severity: 'SEV3',
    status: 'resolved',
    fireDrill: true,
    startedAt: ago(7 * DAY),
    detectedAt: ago(7 * DAY - 3 * MINUTE),
    acknowledgedAt: ago(7 * DAY - 4 * MINUTE),
    mitigatedAt: ago(7 * DAY - 12 * MINUTE),
    resolvedAt: ago(7 * DAY - 30 * MINUTE),
  },
];

await api.run(async () => {
  const existing = await api.waitFor(
    'the stewardship API',
    async (msLeft, notYet) => {
      const res = await api.call('GET', '/api/stewardship/incidents?limit=1', {
        waitMs: msLeft,
      });
      return res.status === 200 ? res.body : notYet(`HTTP ${res.status}`);
    },
  );
  if (existing.totalCount > 0) {
    say(`${existing.totalCount} incidents exist already; nothing to seed`);
  } else {
    const slo = await sloIds();
    for (const { actionItems = [], affectedSloIds, ...incident } of incidents(
      slo,
    )) {
      const ids = (affectedSloIds ?? []).filter(Boolean);
      let res;
      for (let attempt = 0; attempt < 60; attempt++) {
        res = await call('POST', '/incidents', {
          ...incident,
          ...(ids.length && { affectedSloIds: ids }),
        });
        // The catalog may still be ingesting examples/.
        if (
          !(
            res.status === 400 &&
            /not in the catalog/.test(res.body?.error?.message)
          )
        )
          break;
        await sleep(2000);
      }
      if (res.status !== 201) {
        throw new SeedError(
          `${incident.title}: ${res.status} ${res.body?.error?.message ?? ''}`,
        );
      }
      for (const item of actionItems) {
        const added = await call(
          'POST',
          `/incidents/${res.body.id}/action-items`,
          item,
        );
        if (added.status !== 201) {
          throw new SeedError(
            `${item.title}: ${added.status} ${
              added.body?.error?.message ?? ''
            }`,
          );
        }
      }
      say(
        `${incident.entityRef} ${incident.severity} ${incident.status}: ${incident.title}`,
      );
    }
  }
});
