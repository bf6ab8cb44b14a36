#!/usr/bin/env node
/*
 * Sends a signed PagerDuty Webhooks v3 sequence — incident.triggered → incident.acknowledged →
 * incident.resolved — to the running demo, so you can watch an incident arrive on the
 * checkout-service (its catalog entity carries `pagerduty.com/service-id: PDEMOCHK`).
 *
 *   node scripts/demo/pagerduty-replay.mjs [--delay 5] [--service PDEMOCHK] [--url http://localhost:7007]
 *
 * Each body is signed like PagerDuty signs it: `X-PagerDuty-Signature: v1=<hex HMAC-SHA256 of the
 * raw body>` with the secret in app-config.demo.yaml (STEWARDSHIP_PAGERDUTY_SECRET overrides it).
 * Every run is a new incident; the second delivery of each event is answered "duplicate".
 */
import { createHmac, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    delay: { type: 'string', default: '5' },
    service: { type: 'string', default: 'PDEMOCHK' },
    url: {
      type: 'string',
      default: process.env.STEWARDSHIP_BACKEND_URL ?? 'http://localhost:7007',
    },
  },
});
const secret =
  process.env.STEWARDSHIP_PAGERDUTY_SECRET ??
  'stewardship-demo-pagerduty-secret';
const endpoint = `${values.url}/api/stewardship/incidents/webhooks/pagerduty`;
const delayMs = Number(values.delay) * 1000;
const incidentId = `PDEMO${Date.now().toString(36).toUpperCase()}`;
const createdAt = new Date().toISOString();

function delivery(eventType, status) {
  return {
    event: {
      id: randomUUID(),
      event_type: eventType,
      resource_type: 'incident',
      occurred_at: new Date().toISOString(),
      agent: {
        id: 'PDEMOUSR',
        summary: 'Demo Responder',
        type: 'user_reference',
      },
      client: null,
      data: {
        id: incidentId,
        type: 'incident',
        self: `https://api.pagerduty.com/incidents/${incidentId}`,
        html_url: `https://demo.pagerduty.com/incidents/${incidentId}`,
        number: Math.floor(Date.now() / 1000) % 10000,
        status,
        incident_key: incidentId,
        created_at: createdAt,
        title: 'Checkout latency above 2 s (PagerDuty replay)',
        service: {
          id: values.service,
          summary: 'Checkout Service',
          type: 'service_reference',
        },
        assignees: [],
        escalation_policy: null,
        teams: [],
        priority: { id: 'PDEMOP2', summary: 'P2', type: 'priority_reference' },
        urgency: 'high',
        conference_bridge: null,
        resolve_reason: null,
      },
    },
  };
}

async function send(body) {
  const raw = JSON.stringify(body);
  const signature = `v1=${createHmac('sha256', secret)
    .update(raw)
    .digest('hex')}`;
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-PagerDuty-Signature': signature,
    },
    body: raw,
  });
  return `${res.status} ${await res.text()}`;
}

const steps = [
  ['incident.triggered', 'triggered'],
  ['incident.acknowledged', 'acknowledged'],
  ['incident.resolved', 'resolved'],
];
console.log(
  `pagerduty-replay: incident ${incidentId} of service ${values.service} → ${endpoint}`,
);
for (const [i, [eventType, status]] of steps.entries()) {
  if (i > 0) await new Promise(r => setTimeout(r, delayMs));
  const body = delivery(eventType, status);
  console.log(`pagerduty-replay: ${eventType}: ${await send(body)}`);
  // PagerDuty retries on timeouts: a redelivery must change nothing.
  console.log(`pagerduty-replay: ${eventType} again: ${await send(body)}`);
}
