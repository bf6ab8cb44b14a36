/*
 * The demo seeders' HTTP client (scripts/demo/seed-slos.mjs, seed-incidents.mjs): calls to the
 * backend with app-config.demo.yaml's static token that ride out the backend starting or
 * restarting, and a clear message, not a stack, when a seeder gives up.
 *
 * A call is retried every 2 seconds, for up to WAIT_MS (6 minutes, the time the seeders have
 * always given the backend to start; STEWARDSHIP_DEMO_WAIT_SECONDS overrides it), while the
 * backend does not take the connection (ECONNREFUSED: it is starting or restarting) or answers
 * 502, 503 or 504 (not ready, or a proxy in front of it). A dropped connection (ECONNRESET, a
 * body cut short) is retried too, for calls that may be repeated (GETs, and those marked
 * `repeatable`): a create might have been stored before the connection dropped.
 */

const RETRY_MS = 2000;
const TRANSIENT_STATUS = new Set([502, 503, 504]);

/** How long a seeder waits for the backend: 6 minutes, or STEWARDSHIP_DEMO_WAIT_SECONDS. */
export const WAIT_MS =
  (Number(process.env.STEWARDSHIP_DEMO_WAIT_SECONDS) || 360) * 1000;

export const sleep = ms => new Promise(r => setTimeout(r, ms));

/** A give-up with its own message: printed as it is, without a stack. */
export class SeedError extends Error {}

/** `waitFor`'s give-up: what it waited for never came (the backend did answer). */
export class WaitTimeout extends SeedError {}

/** The code of a fetch failure's cause (`ECONNREFUSED`, `UND_ERR_SOCKET`), if any. */
function networkCode(error) {
  if (!(error instanceof TypeError)) return undefined;
  const cause = error.cause;
  return (
    cause?.code ??
    cause?.errors?.find(e => e.code)?.code ??
    (error.message === 'fetch failed' || error.message === 'terminated'
      ? 'network error'
      : undefined)
  );
}

/**
 * A client for the backend at `backend` (STEWARDSHIP_BACKEND_URL or http://localhost:7007) whose
 * messages start with `tag`.
 */
export function seedApi(tag) {
  const backend =
    process.env.STEWARDSHIP_BACKEND_URL ?? 'http://localhost:7007';
  const token =
    process.env.STEWARDSHIP_DEMO_TOKEN ?? 'stewardship-demo-seed-token';
  const say = msg => console.log(`${tag}: ${msg}`);

  /**
   * `method` `path` (from the backend's root, e.g. `/api/stewardship/slos`): `{ status, body }`
   * with the body parsed as JSON. Retries what the backend's starting or restarting explains (see
   * above) until `waitMs` has passed; then throws a `SeedError` saying what it last got.
   */
  async function call(method, path, options = {}) {
    const { body, contentType, waitMs = WAIT_MS } = options;
    const repeatable = options.repeatable ?? method === 'GET';
    const giveUpAt = Date.now() + waitMs;
    for (let attempt = 1; ; attempt++) {
      let problem;
      try {
        const res = await fetch(`${backend}${path}`, {
          method,
          headers: {
            Authorization: `Bearer ${token}`,
            ...(contentType && { 'Content-Type': contentType }),
          },
          body,
        });
        const text = await res.text();
        if (!TRANSIENT_STATUS.has(res.status)) {
          let parsed;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            throw new SeedError(
              `${method} ${path}: HTTP ${
                res.status
              } with a body that is not JSON: ${text.slice(0, 200)}`,
            );
          }
          return { status: res.status, body: parsed };
        }
        problem = `HTTP ${res.status}`;
      } catch (error) {
        const code = networkCode(error);
        if (!code || (!repeatable && code !== 'ECONNREFUSED')) {
          if (error instanceof SeedError || !code) throw error;
          throw new SeedError(
            `${method} ${path}: the connection to ${backend} failed (${code}); not repeated, as the backend may have stored it`,
          );
        }
        problem = `no connection (${code})`;
      }
      if (Date.now() + RETRY_MS > giveUpAt) {
        throw new SeedError(
          `${method} ${path}: the backend at ${backend} did not answer within ${Math.round(
            waitMs / 1000,
          )} s (${attempt} attempts, last: ${problem})`,
        );
      }
      if (attempt === 1) {
        say(`${method} ${path}: ${problem}; retrying every 2 s`);
      }
      await sleep(RETRY_MS);
    }
  }

  /**
   * Calls `check(msLeft)` every 2 seconds until it returns something other than `undefined`
   * (its calls should wait at most `msLeft`), for up to `waitMs`; then throws a `WaitTimeout`:
   * `${what}` and the last reason `check` gave with `notYet(reason)`. A call's `SeedError` (the
   * backend gone) ends the wait at once.
   */
  async function waitFor(what, check, waitMs = WAIT_MS) {
    const giveUpAt = Date.now() + waitMs;
    let last = 'no answer yet';
    const notYet = reason => {
      last = reason;
      return undefined;
    };
    for (;;) {
      const value = await check(Math.max(giveUpAt - Date.now(), 0), notYet);
      if (value !== undefined) return value;
      if (Date.now() + RETRY_MS > giveUpAt) {
        throw new WaitTimeout(
          `${what}: not within ${Math.round(waitMs / 1000)} s (last: ${last})`,
        );
      }
      await sleep(RETRY_MS);
    }
  }

  /**
   * Runs the seeder; when it gives up, prints why (a `SeedError` without its stack) and exits 1,
   * so scripts/start.sh and scripts/test.sh show it.
   */
  async function run(main) {
    try {
      await main();
    } catch (error) {
      console.error(
        `${tag}: gave up: ${
          error instanceof SeedError ? error.message : error?.stack ?? error
        }`,
      );
      process.exitCode = 1;
    }
  }

  return { backend, call, run, say, waitFor };
}
