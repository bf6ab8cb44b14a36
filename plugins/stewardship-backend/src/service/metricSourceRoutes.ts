import { HttpAuthService } from '@backstage/backend-plugin-api';
import { MetricSourceHealthService } from '../metricSources/MetricSourceHealthService';
import type { StewardshipRouter } from './createRouter';

/** The configured metric sources with their health, for the SLO form's source picker. */
export function metricSourceRoutes(
  router: StewardshipRouter,
  options: {
    httpAuth: HttpAuthService;
    metricSourceHealth: MetricSourceHealthService;
  },
) {
  const { httpAuth, metricSourceHealth } = options;

  router.get('/metric-sources', async (req, res) => {
    await httpAuth.credentials(req);
    res.json({ items: await metricSourceHealth.list() });
  });
}
