import { AuditorService } from '@backstage/backend-plugin-api';
import { AuthenticationError, InputError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import express from 'express';
import { PagerDutySettings } from '../incidents/pagerduty/PagerDutySettings';
import {
  PagerDutyWebhookBody,
  PagerDutyWebhookHandler,
} from '../incidents/pagerduty/PagerDutyWebhookHandler';
import { TokenBucket } from '../incidents/pagerduty/TokenBucket';
import { TooManyRequestsError } from '../incidents/pagerduty/TooManyRequestsError';
import { verifyPagerDutySignature } from '../incidents/pagerduty/verifyPagerDutySignature';
import { auditRejection, audited } from './audited';
import type { StewardshipRouter } from './createRouter';

/** The webhook's path in the plugin (and in its auth policy). */
export const PAGERDUTY_WEBHOOK_PATH = '/incidents/webhooks/pagerduty';
/** PagerDuty deliveries are a few kB; anything near this is not one. */
export const PAGERDUTY_WEBHOOK_BODY_LIMIT = '256kb';

/** Set by the guard on a delivery whose signature it verified. */
const VERIFIED = 'stewardshipPagerDutyVerified';
/** Set by the route once the delivery's audit event has begun (it records its own failure). */
const AUDITED = 'stewardshipPagerDutyAudited';

/** The audit event of every delivery: accepted (succeeded), or rejected or failing (failed). */
export const PAGERDUTY_WEBHOOK_AUDIT_EVENT = 'incident-pagerduty-webhook';

/**
 * What the audit event of a rejected delivery says of it: who sent it (as far as is known), from
 * where, and how big it was. Nothing of the body or the signature header: a forged delivery's
 * contents are the sender's, and could carry anything.
 */
function rejectionMeta(
  req: express.Request,
  verified: boolean,
  bodyBytes?: number,
): JsonObject {
  return {
    sender: verified ? 'pagerduty (signature verified)' : 'unverified',
    ip: req.ip ?? null,
    signatureHeader: req.header('x-pagerduty-signature')
      ? 'present'
      : 'missing',
    ...(bodyBytes !== undefined && { bodyBytes }),
  };
}

/**
 * The webhook has no Backstage credentials (the plugin opens it with an auth policy), so this
 * guard runs before any body parser of the router: the raw body read with a size limit, the
 * signature checked over those exact bytes, then the rate limit, and only then the JSON parsed. A
 * request it refuses is never parsed and never reaches the store. Only signed deliveries count
 * against the limit: unsigned requests from anyone could otherwise use it up and hold back
 * PagerDuty's own (each costs at most 256 kB read and one HMAC per secret).
 *
 * Express matches routes case-insensitively and with or without a trailing slash; so does this.
 *
 * With an `auditor`, each refusal (a body over the limit, a missing or wrong signature, too many
 * deliveries, a signed body that is not JSON) is a failed `incident-pagerduty-webhook` audit event
 * before it is answered, so repeated forged deliveries show in the audit log.
 */
export function pagerDutyWebhookGuard(
  settings: PagerDutySettings,
  auditor?: AuditorService,
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
    /** Answers with `error`, recorded first as a failed audit event when there is an auditor. */
    const reject = (error: unknown, meta: JsonObject) => {
      if (!auditor) {
        next(error);
        return;
      }
      // The refusal is answered whether or not the auditor managed to record it.
      auditRejection(
        auditor,
        { eventId: PAGERDUTY_WEBHOOK_AUDIT_EVENT, meta },
        error,
      ).then(
        () => next(error),
        () => next(error),
      );
    };
    readRaw(req, res, error => {
      if (error) {
        reject(error, rejectionMeta(req, false));
        return;
      }
      const raw: Buffer = Buffer.isBuffer(req.body)
        ? req.body
        : Buffer.alloc(0);
      const signature = req.header('x-pagerduty-signature');
      if (!verifyPagerDutySignature(raw, signature, settings.webhookSecrets)) {
        reject(
          new AuthenticationError(
            signature
              ? 'X-PagerDuty-Signature matches none of the configured webhook secrets'
              : 'Missing X-PagerDuty-Signature header',
          ),
          rejectionMeta(req, false, raw.length),
        );
        return;
      }
      if (!bucket.take()) {
        res.setHeader('Retry-After', String(bucket.retryAfterSeconds()));
        reject(
          new TooManyRequestsError(
            'Too many PagerDuty deliveries; retry later',
          ),
          rejectionMeta(req, true, raw.length),
        );
        return;
      }
      try {
        req.body = JSON.parse(raw.toString('utf8'));
      } catch {
        // Not the parser's message: it quotes the body.
        reject(
          new InputError('The signed body is not JSON'),
          rejectionMeta(req, true, raw.length),
        );
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
    const locals = res.locals as Record<string, unknown>;
    if (locals[VERIFIED] !== true) {
      throw new AuthenticationError('Missing or invalid X-PagerDuty-Signature');
    }
    const body = req.body as PagerDutyWebhookBody;
    locals[AUDITED] = true;
    // No `request`: the auditor would try to resolve Backstage credentials PagerDuty has not got.
    const outcome = await audited(
      options.auditor,
      {
        eventId: PAGERDUTY_WEBHOOK_AUDIT_EVENT,
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
  // A delivery refused before the route ran (a signed body the spec refuses: the validator's
  // 400) is a failed audit event too; the route records its own failures.
  router.use(
    PAGERDUTY_WEBHOOK_PATH,
    (
      error: unknown,
      req: express.Request,
      res: express.Response,
      next: express.NextFunction,
    ) => {
      const locals = res.locals as Record<string, unknown>;
      if (req.method !== 'POST' || locals[AUDITED] === true) {
        next(error);
        return;
      }
      locals[AUDITED] = true;
      auditRejection(
        options.auditor,
        {
          eventId: PAGERDUTY_WEBHOOK_AUDIT_EVENT,
          meta: rejectionMeta(req, locals[VERIFIED] === true),
        },
        error,
      ).then(
        () => next(error),
        () => next(error),
      );
    },
  );
}
