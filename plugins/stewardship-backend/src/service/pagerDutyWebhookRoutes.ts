import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { AuthenticationError, InputError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import express from 'express';
import { PagerDutySettings } from '../incidents/pagerduty/PagerDutySettings';
import {
  PagerDutyEventOutsideWindowError,
  PagerDutyWebhookBody,
  PagerDutyWebhookHandler,
  WebhookOutcome,
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

/** Whether the guard verified this request's signature: a PagerDuty delivery, audited as one. */
export function isVerifiedPagerDutyDelivery(res: express.Response): boolean {
  return res.locals[VERIFIED] === true;
}
/** Set by the route once the delivery's audit event has begun (it records its own failure). */
const AUDITED = 'stewardshipPagerDutyAudited';

/** The audit event of every delivery: accepted (succeeded), or rejected or failing (failed). */
export const PAGERDUTY_WEBHOOK_AUDIT_EVENT = 'incident-pagerduty-webhook';

/**
 * How many rejected *unverified* deliveries (no or a wrong signature, a body over the size limit)
 * are audit events per minute, per process. They are refused before the rate limit (which counts
 * signed deliveries only, so nobody else can use it up), so without this bound anyone who can
 * reach the webhook could write two audit entries per request. Beyond it, a refusal is answered
 * as before but not recorded; the next one recorded says how many were left out
 * (`suppressedSinceLast`). As that one may never come (the flood stops, the process restarts), the
 * first refusal left out in a minute is also logged at warn (with a logger), once a minute.
 * Rejections of signed deliveries are recorded every time.
 */
export const UNVERIFIED_REJECTIONS_AUDITED_PER_MINUTE = 10;

/**
 * The bound on audit events of rejected unverified deliveries: at most `perWindow` in each window
 * of `windowMs` (a fixed window, from the first rejection after the last one ended), counting
 * those left out.
 */
export class UnverifiedRejectionAudits {
  private windowStart = Number.NEGATIVE_INFINITY;
  private recordedInWindow = 0;
  private leftOutInWindow = 0;
  private suppressed = 0;

  constructor(
    readonly perWindow: number = UNVERIFIED_REJECTIONS_AUDITED_PER_MINUTE,
    private readonly windowMs: number = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Whether to record this rejection; when so, with how many were left out since the last one
   * recorded (0 when none); when not, whether it is the window's first left out.
   */
  take():
    | { record: false; firstLeftOutInWindow: boolean }
    | { record: true; suppressedSinceLast: number } {
    const now = this.now();
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.recordedInWindow = 0;
      this.leftOutInWindow = 0;
    }
    if (this.recordedInWindow >= this.perWindow) {
      this.suppressed += 1;
      this.leftOutInWindow += 1;
      return {
        record: false,
        firstLeftOutInWindow: this.leftOutInWindow === 1,
      };
    }
    this.recordedInWindow += 1;
    const suppressedSinceLast = this.suppressed;
    this.suppressed = 0;
    return { record: true, suppressedSinceLast };
  }
}

/**
 * One bound per auditor (one per plugin instance): the guard and the route's fallback for a
 * delivery that reached it unverified draw on the same one.
 */
const unverifiedAuditsByAuditor = new WeakMap<
  AuditorService,
  UnverifiedRejectionAudits
>();
function unverifiedAuditsOf(auditor: AuditorService) {
  let audits = unverifiedAuditsByAuditor.get(auditor);
  if (!audits) {
    audits = new UnverifiedRejectionAudits();
    unverifiedAuditsByAuditor.set(auditor, audits);
  }
  return audits;
}

/**
 * Records a rejection as a failed audit event, then calls `done` whether or not the auditor
 * managed to. An unverified sender's is recorded only within `unverified`'s bound; the first one
 * left out in a window is logged at warn (when there is a `logger`).
 */
function auditRejected(
  auditor: AuditorService,
  unverified: UnverifiedRejectionAudits,
  verified: boolean,
  meta: JsonObject,
  error: unknown,
  done: () => void,
  logger?: LoggerService,
) {
  let eventMeta = meta;
  if (!verified) {
    const taken = unverified.take();
    if (!taken.record) {
      if (taken.firstLeftOutInWindow) {
        logger?.warn(
          `PagerDuty webhook: more than ${unverified.perWindow} unverified deliveries this minute; their audit events are left out until the next minute, which counts them`,
        );
      }
      done();
      return;
    }
    if (taken.suppressedSinceLast > 0) {
      eventMeta = { ...meta, suppressedSinceLast: taken.suppressedSinceLast };
    }
  }
  auditRejection(
    auditor,
    { eventId: PAGERDUTY_WEBHOOK_AUDIT_EVENT, meta: eventMeta },
    error,
  ).then(done, done);
}

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
 * before it is answered, so repeated forged deliveries show in the audit log; those of unverified
 * senders within {@link UNVERIFIED_REJECTIONS_AUDITED_PER_MINUTE} (`unverifiedAudits`, for tests),
 * the first left out in a minute logged at warn with a `logger`.
 */
export function pagerDutyWebhookGuard(
  settings: PagerDutySettings,
  auditor?: AuditorService,
  options?: {
    unverifiedAudits?: UnverifiedRejectionAudits;
    logger?: LoggerService;
  },
): express.RequestHandler {
  const bucket = new TokenBucket(settings.requestsPerMinute, 60_000);
  const unverifiedAudits =
    options?.unverifiedAudits ?? (auditor && unverifiedAuditsOf(auditor));
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
    const reject = (error: unknown, verified: boolean, meta: JsonObject) => {
      if (!auditor || !unverifiedAudits) {
        next(error);
        return;
      }
      // The refusal is answered whether or not the auditor managed to record it.
      auditRejected(
        auditor,
        unverifiedAudits,
        verified,
        meta,
        error,
        () => next(error),
        options?.logger,
      );
    };
    readRaw(req, res, error => {
      if (error) {
        reject(error, false, rejectionMeta(req, false));
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
          false,
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
          true,
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
          true,
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
  options: {
    pagerDuty: PagerDutyWebhookHandler;
    auditor: AuditorService;
    logger?: LoggerService;
  },
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
    let outcome: WebhookOutcome;
    try {
      outcome = await audited(
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
    } catch (error) {
      // Recorded as a failed audit event (an InputError) like any refusal, but answered 202:
      // PagerDuty disables a subscription for 24 hours after three deliveries in a row that it
      // dropped, and it drops every 4xx (but 429). A delivery held back through an outage must
      // not cost the fresh ones behind it. Nothing is stored, and the event id is not recorded.
      if (!(error instanceof PagerDutyEventOutsideWindowError)) throw error;
      outcome = { outcome: 'ignored', reason: error.message };
    }
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
      const verified = locals[VERIFIED] === true;
      auditRejected(
        options.auditor,
        unverifiedAuditsOf(options.auditor),
        verified,
        rejectionMeta(req, verified),
        error,
        () => next(error),
        options.logger,
      );
    },
  );
}
