import { HttpAuthService } from '@backstage/backend-plugin-api';
import { BacklogService } from '../backlog/BacklogService';
import { normalizeEntityRef } from '../lib/entityRefs';
import type { StewardshipRouter } from './createRouter';

/** The entity's backlog: items, health figures and each provider's state. */
export function backlogRoutes(
  router: StewardshipRouter,
  options: { httpAuth: HttpAuthService; backlog: BacklogService },
) {
  const { httpAuth, backlog } = options;
  router.get('/entities/:kind/:namespace/:name/backlog', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(await backlog.read(normalizeEntityRef(req.params), credentials));
  });
}
