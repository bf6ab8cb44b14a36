import { createHmac, timingSafeEqual } from 'node:crypto';

/** More signatures than any rotation needs: the rest are not looked at. */
const MAX_SIGNATURES = 10;
const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;

/**
 * Whether `X-PagerDuty-Signature` proves that one of `secrets` signed `rawBody`.
 *
 * PagerDuty Webhooks v3 send `v1=<hex HMAC-SHA256 of the raw body>`; while a subscription's
 * secret rotates, several comma-separated. The body is the bytes received, never re-serialised
 * JSON. Each candidate is compared in constant time (`timingSafeEqual` over the 32 digest bytes),
 * and every pair is compared even after a match, so the time taken says nothing about which one
 * matched or how much of it.
 */
export function verifyPagerDutySignature(
  rawBody: Buffer,
  header: string | undefined,
  secrets: readonly string[],
): boolean {
  if (!header || secrets.length === 0) return false;
  const given = header
    .split(',')
    .slice(0, MAX_SIGNATURES)
    .map(part => part.trim())
    .filter(part => part.startsWith('v1='))
    .map(part => part.slice(3))
    .filter(hex => HEX_SHA256.test(hex))
    .map(hex => Buffer.from(hex, 'hex'));
  let match = false;
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(rawBody).digest();
    for (const signature of given) {
      if (timingSafeEqual(expected, signature)) match = true;
    }
  }
  return match;
}

/** The header value PagerDuty would send for `rawBody` signed with `secret` (tests, demo). */
export function signPagerDutyBody(rawBody: Buffer | string, secret: string) {
  return `v1=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}
