import { AuditorService } from '@backstage/backend-plugin-api';
import { AuthenticationError, InputError } from '@backstage/errors';
import express from 'express';
import { PagerDutySettings } from '../incidents/pagerduty/PagerDutySettings';
import {
  PagerDutyWebhookBody,
  PagerDutyWebhookHandler,
} from '../incidents/pagerduty/PagerDutyWebhookHandler';
import { TokenBucket } from '../incidents/pagerduty/TokenBucket';
import { TooManyRequestsError } from '../incidents/pagerduty/TooManyRequestsError';
import { verifyPagerDutySignature } from '../incidents/pagerduty/verifyPagerDutySignature';
import { audited } from './audited';
import type { StewardshipRouter } from './createRouter';

/** The webhook's path in the plugin (and in its auth policy). */
export const PAGERDUTY_WEBHOOK_PATH = '/incidents/webhooks/pagerduty';
/** PagerDuty deliveries are a few kB; anything near this is not one. */
export const PAGERDUTY_WEBHOOK_BODY_LIMIT = '256kb';

/** Set by the guard on a delivery whose signature it verified. */
const VERIFIED = 'stewardshipPagerDutyVerified';

/**
 * The webhook has no Backstage credentials (the plugin opens it with an auth policy), so this
 * guard runs before any body parser of the router: the raw body read with a size limit, the
 * signature checked over those exact bytes, then the rate limit, and only then the JSON parsed. A
 * request it refuses is never parsed and never reaches the store. Only signed deliveries count
 * against the limit: unsigned requests from anyone could otherwise use it up and hold back
 * PagerDuty's own (each costs at most 256 kB read and one HMAC per secret).
 *
 * Express matches routes case-insensitively and with or without a trailing slash; so does this.
 */
export function pagerDutyWebhookGuard(
  settings: PagerDutySettings,
): express.RequestHandler {
  const bucket = new TokenBucket(settings.requestsPerMinute, 60_000);
  const readRaw = express.raw({
    type: () => true,
    limit: PAGERDUTY_WEBHOOK_BODY_LIMIT,
  });
  return (req, res, next) => {
    const path = req.path.toLowerCase().replace(/\/+$/, '');
    if (path !== PAGERDUTY_WEBHOOK_PATH || req.method !== 'POST') {
      next();
      return;
    }
    readRaw(req, res, error => {
      if (error) {
        next(error);
        return;
      }
      const raw: Buffer = Buffer.isBuffer(req.body)
        ? req.body
        : Buffer.alloc(0);
      const signature = req.header('x-pagerduty-signature');
      if (!verifyPagerDutySignature(raw, signature, settings.webhookSecrets)) {
        next(
          new AuthenticationError(
            signature
              ? 'X-PagerDuty-Signature matches none of the configured webhook secrets'
              : 'Missing X-PagerDuty-Signature header',
          ),
        );
        return;
      }
      if (!bucket.take()) {
        res.setHeader('Retry-After', String(bucket.retryAfterSeconds()));
        next(
          new TooManyRequestsError(
            'Too many PagerDuty deliveries; retry later',
          ),
        );
        return;
      }
      try {
        req.body = JSON.parse(raw.toString('utf8'));
      } catch {
        next(new InputError('The signed body is not JSON'));
        return;
      }
      res.locals[VERIFIED] = true;
      next();
    });
  };
}

/** `POST /incidents/webhooks/pagerduty`: a delivery the guard has verified. */
export function pagerDutyWebhookRoutes(
  router: StewardshipRouter,
  options: { pagerDuty: PagerDutyWebhookHandler; auditor: AuditorService },
) {
  router.post(PAGERDUTY_WEBHOOK_PATH, async (req, res) => {
    // No httpAuth.credentials here: PagerDuty has no Backstage credentials; the signature is the
    // authentication, checked by the guard (and asserted again in case a path form slipped by).
    if ((res.locals as Record<string, unknown>)[VERIFIED] !== true) {
      throw new AuthenticationError('Missing or invalid X-PagerDuty-Signature');
    }
    const body = req.body as PagerDutyWebhookBody;
    // No `request`: the auditor would try to resolve Backstage credentials PagerDuty has not got.
    const outcome = await audited(
      options.auditor,
      {
        eventId: 'incident-pagerduty-webhook',
        meta: {
          sender: 'pagerduty (signature verified)',
          ip: req.ip ?? null,
          pagerDutyEventId: body.event.id,
          eventType: body.event.event_type,
        },
      },
      () => options.pagerDuty.handle(body),
      result => ({ ...result }),
    );
    res.status(202).json(outcome);
  });
}
