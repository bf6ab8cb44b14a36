/*
 * The demo services' traffic, as pure functions of time, so the generated Prometheus history
 * and anyone checking the numbers by hand agree. Every service is shaped to show one SLO state
 * (see examples/slos/README.md): healthy, burning fast, exhausted, timeslices, latency, no traffic.
 *
 * A minute's requests follow a daily wave; errors follow a per-service ratio, with incidents.
 */

const DAY = 86400;
const HOUR = 3600;

/** Deterministic noise in [0, 1) from a number, so every run generates the same history. */
function noise(seed) {
  const x = Math.sin(seed * 12.9898) * 43758.5453;
  return x - Math.floor(x);
}

function wave(t) {
  return 1 + 0.5 * Math.sin((2 * Math.PI * (t % DAY)) / DAY);
}

/**
 * Each service: requests per minute at the wave's mean, and the error ratio at time t, given the
 * moment `now` the demo is generated for (incidents are placed relative to it).
 */
export const DEMO_SERVICES = {
  // 99.9 % over 30 d, using ~30 % of its budget; one counter reset (a deploy) 10 days ago.
  'payment-gateway': {
    rpm: 600,
    errorRatio: () => 0.0003,
    resetAt: now => now - 10 * DAY,
  },
  // 99.9 % over 30 d, healthy for weeks, then a bad deploy 3 hours ago burns ~30× too fast.
  'checkout-service': {
    rpm: 400,
    errorRatio: (t, now) => (t > now - 3 * HOUR ? 0.03 : 0.0004),
  },
  // 99.5 % per calendar month (Europe/Berlin): far over budget all month.
  'legacy-billing': {
    rpm: 120,
    errorRatio: () => 0.012,
  },
  // 99 % of 5-minute slices must reach 99 %: a rare bad slice (about two a week, at fixed times),
  // after which the SLO is at-risk for some hours. Sampled every minute over the whole history: a
  // 5-minute slice needs two samples, so with 10-minute samples most slices had no data.
  'invoice-service': {
    rpm: 60,
    everyMinute: true,
    errorRatio: t => (noise(Math.floor(t / 300)) < 0.001 ? 0.2 : 0.001),
  },
  // Latency: 95 % under 300 ms over 28 d; ~97 % are.
  'recommendation-engine': {
    rpm: 300,
    errorRatio: () => 0.002,
    latency: { 0.1: 0.7, 0.3: 0.97, 1: 0.995 },
  },
  // 99 % per calendar quarter (UTC), comfortably met.
  'storefront-web': {
    rpm: 900,
    errorRatio: () => 0.001,
  },
  // The series exist but count nothing: a quiet service, not a broken SLI.
  'fraud-detection': {
    rpm: 0,
    errorRatio: () => 0,
  },
};

/** Requests and errors of one service in the minute ending at t (t a multiple of 60). */
export function minuteCounts(service, t, now) {
  const profile = DEMO_SERVICES[service];
  const requests = Math.round(
    profile.rpm * wave(t) * (0.9 + 0.2 * noise(t + service.length)),
  );
  const ratio = profile.errorRatio(t, now);
  const errors = Math.min(
    requests,
    Math.floor(requests * ratio + noise(t * 7 + service.length)),
  );
  return { requests, errors };
}

/**
 * Whether the history holds a sample of `service` at `t`: every minute from 3 days before `now`
 * (so 5-minute burn windows are exact) or for a service sampled `everyMinute`, else every 10
 * minutes from the history's first minute `start` (which keeps the file small, ~22 MB).
 */
export function isSampled(service, t, { start, now }) {
  return (
    DEMO_SERVICES[service].everyMinute === true ||
    t >= now - 3 * DAY ||
    (t - start) % 600 === 0
  );
}
