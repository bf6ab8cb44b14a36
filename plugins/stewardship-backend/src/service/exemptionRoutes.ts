import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { normalizeEntityRef } from '../lib/entityRefs';
import { OwnershipExemptionService } from '../ownership/OwnershipExemptionService';
import { audited } from './audited';
import type { StewardshipRouter } from './createRouter';

/** `entities/:kind/:namespace/:name/ownership/exemptions`: list, grant and remove. */
export function exemptionRoutes(
  router: StewardshipRouter,
  options: {
    httpAuth: HttpAuthService;
    auditor: AuditorService;
    exemptions: OwnershipExemptionService;
  },
) {
  const { httpAuth, auditor, exemptions } = options;
  const path = '/entities/:kind/:namespace/:name/ownership/exemptions';

  router.get(path, async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const entityRef = normalizeEntityRef(req.params, { what: 'Entity' });
    res.json({ items: await exemptions.list(entityRef, credentials) });
  });

  router.post(path, async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const entityRef = normalizeEntityRef(req.params, { what: 'Entity' });
    const exemption = await audited(
      auditor,
      {
        eventId: 'ownership-exemption-create',
        request: req,
        meta: { entityRef, role: req.body.role, expiresAt: req.body.expiresAt },
      },
      () => exemptions.grant(entityRef, req.body, credentials),
      created => ({
        exemptionId: created.id,
        reason: created.reason,
        expiresAt: created.expiresAt,
      }),
    );
    res.status(201).json(exemption);
  });

  router.delete(`${path}/:exemptionId`, async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const entityRef = normalizeEntityRef(req.params, { what: 'Entity' });
    const { exemptionId } = req.params;
    await audited(
      auditor,
      {
        eventId: 'ownership-exemption-delete',
        request: req,
        meta: { entityRef, exemptionId },
      },
      () => exemptions.remove(entityRef, exemptionId, credentials),
      removed => ({ exemptionId, role: removed.role }),
    );
    res.status(204).end();
  });
}
