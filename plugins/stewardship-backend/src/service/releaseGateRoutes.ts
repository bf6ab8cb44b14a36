import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import { normalizeEntityRef } from '../lib/entityRefs';
import {
  ReleaseGateService,
  releaseGateText,
} from '../releaseGate/ReleaseGateService';
import { audited } from './audited';
import type { StewardshipRouter } from './createRouter';
import { queryDate } from './queryDate';

/** `GET entities/:kind/:namespace/:name/release-gate` and its overrides. */
export function releaseGateRoutes(
  router: StewardshipRouter,
  options: {
    httpAuth: HttpAuthService;
    auditor: AuditorService;
    releaseGate: ReleaseGateService;
  },
) {
  const { httpAuth, auditor, releaseGate } = options;

  router.get(
    '/entities/:kind/:namespace/:name/release-gate',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req);
      const gate = await releaseGate.evaluate(
        normalizeEntityRef(req.params),
        queryDate(req.query.at, 'at'),
        credentials,
      );
      if (req.query.format === 'text') {
        // The typed response covers the JSON body; the spec's text/plain alternative is a string.
        (res as express.Response)
          .type('text/plain')
          .send(releaseGateText(gate));
        return;
      }
      res.json(gate);
    },
  );

  router.post(
    '/entities/:kind/:namespace/:name/release-gate/overrides',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req);
      const entityRef = normalizeEntityRef(req.params);
      // As every write: a refusal (4xx) is recorded without its stack.
      const override = await audited(
        auditor,
        {
          eventId: 'release-gate-override',
          request: req,
          meta: { entityRef, expiresAt: req.body.expiresAt },
        },
        () => releaseGate.createOverride(entityRef, req.body, credentials),
        created => ({
          overrideId: created.id,
          justification: created.justification,
        }),
      );
      res.status(201).json(override);
    },
  );
}
