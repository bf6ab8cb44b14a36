import {
  AuditorService,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import express from 'express';
import { InputError, isError } from '@backstage/errors';
import { readableValidationMessage } from './validationMessages';
import { requestBodyContract } from './requestBodyContract';
import { unknownRoute } from './unknownRoute';
import { readUuidPathParameters } from './uuidPathParameters';
import type { ApiRouter } from '@backstage/backend-openapi-utils';
import { createOpenApiRouter, spec } from '../schema/openapi';
import { OwnershipService } from '../ownership/OwnershipService';
import { SloService } from '../slo/SloService';
import { ownershipRoutes } from './ownershipRoutes';
import { exemptionRoutes } from './exemptionRoutes';
import { attestationRoutes } from './attestationRoutes';
import { OwnershipAttestationService } from '../ownership/OwnershipAttestationService';
import { OwnershipExemptionService } from '../ownership/OwnershipExemptionService';
import { sloRoutes } from './sloRoutes';
import { sloOverviewRoutes } from './sloOverviewRoutes';
import { SloOverviewService } from '../slo/SloOverviewService';
import { metricSourceRoutes } from './metricSourceRoutes';
import { MetricSourceHealthService } from '../metricSources/MetricSourceHealthService';
import { IncidentService } from '../incidents/IncidentService';
import { PagerDutySettings } from '../incidents/pagerduty/PagerDutySettings';
import { PagerDutyWebhookHandler } from '../incidents/pagerduty/PagerDutyWebhookHandler';
import { incidentRoutes } from './incidentRoutes';
import { BacklogService } from '../backlog/BacklogService';
import { backlogRoutes } from './backlogRoutes';
import { ReleaseGateService } from '../releaseGate/ReleaseGateService';
import { releaseGateRoutes } from './releaseGateRoutes';
import { ReviewService } from '../review/ReviewService';
import { reviewRoutes } from './reviewRoutes';
import {
  isVerifiedPagerDutyDelivery,
  pagerDutyWebhookGuard,
  pagerDutyWebhookRoutes,
} from './pagerDutyWebhookRoutes';

/** The content types `POST /slos/import` accepts, as listed in the spec. */
export const YAML_CONTENT_TYPES = [
  'application/yaml',
  'application/x-yaml',
  'text/yaml',
  'text/x-yaml',
  'text/plain',
];

/** The largest JSON or YAML body the API reads (413 beyond); the PagerDuty webhook has its own. */
const BODY_LIMIT = '1mb';

/** The validated router's body parser: none, the outer router has read the body already. */
const bodiesReadBefore: express.RequestHandler = (_req, _res, next) => next();

/** The typed router built from `src/schema/openapi.yaml`; route modules register on it. */
export type StewardshipRouter = ApiRouter<typeof spec>;

/**
 * The plugin's REST API, mounted at /api/stewardship.
 *
 * `src/schema/openapi.yaml` is the runtime contract: the router validates every path parameter,
 * query string and body against it before a handler runs (unknown query parameters included), and
 * the handlers' request types come from it. A handler can only be registered for a documented
 * path. Errors are @backstage/errors types; the validator's become InputErrors (400) naming the
 * field, e.g. `request/body/objective must be < 1` (the first 20 problems, then how many more),
 * and a request no route takes is a NotFoundError naming it (`No route GET
 * /api/stewardship/foo`). A UUID in a path is found in any case. Bodies are read as the spec's `requestBody` says ({@link requestBodyContract}): one over
 * 1 MB is a 413, one in a charset the parser cannot read a 415, one of a type the operation does
 * not take a 415, a body sent to an operation that takes none a 400, and one over the spec's
 * `maxItems` or `maxProperties` a 400 before it is validated.
 *
 * Credentials are enforced by the httpRouter service before a request reaches this router.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  ownership: OwnershipService;
  exemptions: OwnershipExemptionService;
  attestations: OwnershipAttestationService;
  slos: SloService;
  sloOverview: SloOverviewService;
  metricSourceHealth: MetricSourceHealthService;
  incidents: IncidentService;
  pagerDuty: PagerDutyWebhookHandler;
  pagerDutySettings: PagerDutySettings;
  backlog: BacklogService;
  auditor: AuditorService;
  releaseGate: ReleaseGateService;
  review: ReviewService;
  /** For the PagerDuty webhook's warnings (unverified refusals left out of the audit log). */
  logger?: LoggerService;
}): Promise<express.Router> {
  const router = await createOpenApiRouter({
    validatorOptions: {
      // Full format checks: `2026-02-30T00:00:00Z` is not a date-time (fast mode lets it through).
      ajvFormats: { mode: 'full' },
      // Backstage's defaults, plus every problem in one answer rather than one per round trip.
      // A body over the spec's limits (a list past its maxItems, …) never gets here: it would be
      // checked item by item ({@link requestBodyContract}). An answer says the first 20 problems.
      validateRequests: {
        allErrors: true,
        // SLI kinds and time windows are picked by `type`, so problems name the chosen form only.
        discriminator: true,
        coerceTypes: false,
        allowUnknownQueryParameters: false,
      },
      // The spec's security schemes document how to authenticate; the httpRouter's credentials
      // barrier and the PagerDuty guard enforce them (the validator would answer 400, not 401).
      validateSecurity: false,
    },
    // The bodies are read by the outer router below, so that the parsers' 413 and 415 keep their
    // status (the validated router makes every error raised before its validator a 400). This
    // stands for the default parser (`express.json()`), which would otherwise be the one here.
    middleware: [bodiesReadBefore],
  });
  // The spec validator coerces `Infinity` to a number that passes `integer` and `maximum`; no
  // route takes an infinite or NaN number, so refuse them here, naming the parameter.
  router.use((req, _res, next) => {
    for (const [name, value] of Object.entries(req.query ?? {})) {
      if (typeof value === 'number' && !Number.isFinite(value)) {
        next(
          new InputError(
            `Invalid query parameter "${name}": must be a finite number, not ${value}`,
          ),
        );
        return;
      }
    }
    next();
  });
  readUuidPathParameters(router, spec);
  ownershipRoutes(router, options);
  exemptionRoutes(router, options);
  attestationRoutes(router, options);
  // Before sloRoutes: its `GET /slos/:id` would take `overview` for an id.
  sloOverviewRoutes(router, options);
  sloRoutes(router, options);
  metricSourceRoutes(router, options);
  incidentRoutes(router, options);
  backlogRoutes(router, options);
  releaseGateRoutes(router, options);
  reviewRoutes(router, options);
  pagerDutyWebhookRoutes(router, options);
  // The PagerDuty guard runs first, outside the validated router: it checks the signature over
  // the raw bytes before any parser, and its 401/413/429 must not become the validator's 400s.
  // The bodies are read next, outside it too, for their 413/415, and held to the spec.
  const outer = express.Router();
  outer.use(
    pagerDutyWebhookGuard(options.pagerDutySettings, options.auditor, {
      logger: options.logger,
    }),
  );
  const bodies = requestBodyContract(spec, {
    limit: BODY_LIMIT,
    textTypes: YAML_CONTENT_TYPES,
  });
  // Not for a verified PagerDuty delivery: the guard has read and parsed its body, and its
  // refusals are audited inside the router (a type other than JSON is the validator's 400 there).
  outer.use((req, res, next) =>
    isVerifiedPagerDutyDelivery(res) ? next() : bodies(req, res, next),
  );
  outer.use(router);
  outer.use(unknownRoute(spec));
  outer.use(readableValidationErrors);
  outer.use(retryAfterHeader);
  return outer;
}

/**
 * A 429 that knows when to retry (an on-demand allowance used up: `retryAfterSeconds` on the
 * error) says so in `Retry-After`, in seconds, as well as in its message (each ends with
 * `— retry in N s`). Backstage's error handler answers with the headers already set on the
 * response.
 */
function retryAfterHeader(
  error: unknown,
  _req: express.Request,
  res: express.Response,
  next: express.NextFunction,
) {
  if (isError(error) && !res.headersSent) {
    const { statusCode, retryAfterSeconds } = error as {
      statusCode?: unknown;
      retryAfterSeconds?: unknown;
    };
    if (
      statusCode === 429 &&
      typeof retryAfterSeconds === 'number' &&
      Number.isInteger(retryAfterSeconds) &&
      retryAfterSeconds > 0
    ) {
      res.setHeader('Retry-After', String(retryAfterSeconds));
    }
  }
  next(error);
}

/**
 * The validator's 400s in words a caller can act on ({@link readableValidationMessage}): the
 * spec's patterns and formats said as its descriptions say them, with the value received, and
 * a field named by its JSON pointer (`request/body/labels/team.io~1tier`) shown as the client
 * wrote it (`team.io/tier`).
 */
function readableValidationErrors(
  error: unknown,
  req: express.Request,
  _res: express.Response,
  next: express.NextFunction,
) {
  // By name: the validator's InputError may come from another copy of @backstage/errors. One
  // message can name several fields (`request/… must …, request/… must …`).
  if (isError(error) && error.name === 'InputError') {
    const readable = readableValidationMessage(error.message, req, spec);
    if (readable !== error.message) {
      next(new InputError(readable));
      return;
    }
  }
  next(error);
}
