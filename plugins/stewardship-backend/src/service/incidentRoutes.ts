import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { normalizeEntityRef } from '../lib/entityRefs';
import { IncidentService } from '../incidents/IncidentService';
import { audited } from './audited';
import type { StewardshipRouter } from './createRouter';
import { queryDate } from './queryDate';
import { asOfMoment } from '../slo/asOfMoment';

/**
 * The `to` of an entity's figures, which may not be in the future (a 400 naming it, as `GET
 * review` and an SLO's history answer): the figures of a period not yet over are not final.
 */
function periodEnd(value: string | undefined): Date | undefined {
  const to = queryDate(value, 'to');
  return to && asOfMoment(to, new Date(), 'query parameter "to"');
}

/**
 * Incidents and their action items (every route with the caller's credentials; reads and writes
 * of one incident check that the caller can see its entity in the catalog), and the figures of an
 * entity. The PagerDuty webhook is wired apart (see pagerDutyWebhookRoutes): it has no
 * Backstage credentials.
 */
export function incidentRoutes(
  router: StewardshipRouter,
  options: {
    httpAuth: HttpAuthService;
    auditor: AuditorService;
    incidents: IncidentService;
  },
) {
  const { httpAuth, auditor, incidents } = options;

  router.get('/incidents', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const offset = req.query.offset ?? 0;
    const limit = req.query.limit ?? 50;
    const fireDrill = req.query.fireDrill;
    const page = await incidents.list(
      {
        entity: req.query.entity,
        status: req.query.status,
        severity: req.query.severity,
        from: queryDate(req.query.from, 'from'),
        to: queryDate(req.query.to, 'to'),
        fireDrill: fireDrill === undefined ? undefined : fireDrill === 'true',
        offset,
        limit,
      },
      credentials,
    );
    res.json({ ...page, offset, limit });
  });

  router.post('/incidents', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const incident = await audited(
      auditor,
      {
        eventId: 'incident-create',
        request: req,
        meta: { entityRef: req.body.entityRef, severity: req.body.severity },
      },
      () => incidents.create(req.body, credentials),
      created => ({ incidentId: created.id, entityRef: created.entityRef }),
    );
    res.status(201).json(incident);
  });

  router.get('/incidents/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await incidents.get(req.params.id, credentials, {
        at: queryDate(req.query.at, 'at'),
      }),
    );
  });

  router.patch('/incidents/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const incident = await audited(
      auditor,
      {
        eventId: 'incident-update',
        request: req,
        meta: { incidentId: req.params.id, fields: Object.keys(req.body) },
      },
      () => incidents.update(req.params.id, req.body, credentials),
      updated => ({ version: updated.version, status: updated.status }),
    );
    res.json(incident);
  });

  router.post('/incidents/:id/action-items', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const item = await audited(
      auditor,
      {
        eventId: 'incident-action-item-create',
        request: req,
        meta: { incidentId: req.params.id },
      },
      () => incidents.addActionItem(req.params.id, req.body, credentials),
      created => ({ actionItemId: created.id }),
    );
    res.status(201).json(item);
  });

  router.patch('/incidents/:id/action-items/:itemId', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const item = await audited(
      auditor,
      {
        eventId: 'incident-action-item-update',
        request: req,
        meta: {
          incidentId: req.params.id,
          actionItemId: req.params.itemId,
          fields: Object.keys(req.body),
        },
      },
      () =>
        incidents.updateActionItem(
          req.params.id,
          req.params.itemId,
          req.body,
          credentials,
        ),
      updated => ({ status: updated.status }),
    );
    res.json(item);
  });

  router.get(
    '/entities/:kind/:namespace/:name/incidents/summary',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req);
      res.json(
        await incidents.summary(
          normalizeEntityRef(req.params),
          {
            from: queryDate(req.query.from, 'from'),
            to: periodEnd(req.query.to),
          },
          credentials,
        ),
      );
    },
  );
}
