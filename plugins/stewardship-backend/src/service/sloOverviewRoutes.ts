import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import { SloOverviewFilter } from '@stewardship/backstage-plugin-stewardship-common';
import { SloOverviewService } from '../slo/SloOverviewService';
import type { StewardshipRouter } from './createRouter';
import { queryDate } from './queryDate';
import { OWNER_KINDS, queryEntityRef } from './queryEntityRef';

/**
 * `GET /slos/overview`: every SLO the caller may see with its latest stored status as of `at`
 * (default now), and the SLO coverage of the catalog. Registered before `GET /slos/:id`, which
 * would otherwise take `overview` for an id.
 */
export function sloOverviewRoutes(
  router: StewardshipRouter,
  options: { httpAuth: HttpAuthService; sloOverview: SloOverviewService },
) {
  const { httpAuth, sloOverview } = options;

  router.get('/slos/overview', async (req, res) => {
    const { owner, system, status, format } = req.query;
    const credentials = await httpAuth.credentials(req);
    const at = queryDate(req.query.at, 'at');
    const filter: SloOverviewFilter = {
      ...(owner && {
        owner: queryEntityRef(owner, 'owner', 'group', OWNER_KINDS),
      }),
      ...(system && {
        system: queryEntityRef(system, 'system', 'system', ['system']),
      }),
      ...(status && { status }),
    };
    if (format === 'csv') {
      const csv = await sloOverview.overviewCsv(filter, credentials, at);
      // The typed response covers the JSON body; the spec's text/csv alternative is a string.
      (res as express.Response)
        .type('text/csv')
        .attachment('slo-overview.csv')
        .send(csv);
      return;
    }
    res.json(await sloOverview.overview(filter, credentials, at));
  });
}
