import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { normalizeEntityRef } from '../lib/entityRefs';
import { OwnershipAttestationService } from '../ownership/OwnershipAttestationService';
import { audited } from './audited';
import type { StewardshipRouter } from './createRouter';

/** `POST entities/:kind/:namespace/:name/ownership/attestations`. */
export function attestationRoutes(
  router: StewardshipRouter,
  options: {
    httpAuth: HttpAuthService;
    auditor: AuditorService;
    attestations: OwnershipAttestationService;
  },
) {
  const { httpAuth, auditor, attestations } = options;

  router.post(
    '/entities/:kind/:namespace/:name/ownership/attestations',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req);
      const entityRef = normalizeEntityRef(req.params, { what: 'Entity' });
      const attestation = await audited(
        auditor,
        {
          eventId: 'ownership-attestation-create',
          request: req,
          meta: { entityRef, role: req.body.role },
        },
        () => attestations.attest(entityRef, req.body.role, credentials),
        created => ({ value: created.value, expiresAt: created.expiresAt }),
      );
      res.status(201).json(attestation);
    },
  );
}
