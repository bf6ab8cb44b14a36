import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import { normalizeEntityRef } from '../lib/entityRefs';
import {
  ReleaseGateService,
  releaseGateText,
} from '../releaseGate/ReleaseGateService';
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
      const event = await auditor.createEvent({
        eventId: 'release-gate-override',
        severityLevel: 'medium',
        request: req,
        meta: { entityRef, expiresAt: req.body.expiresAt },
      });
      try {
        const override = await releaseGate.createOverride(
          entityRef,
          req.body,
          credentials,
        );
        await event.success({
          meta: {
            overrideId: override.id,
            justification: override.justification,
          },
        });
        res.status(201).json(override);
      } catch (error) {
        await event.fail({ error: error as Error });
        throw error;
      }
    },
  );
}
