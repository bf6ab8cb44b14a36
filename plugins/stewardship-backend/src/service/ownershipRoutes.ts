import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import { normalizeEntityRef } from '../lib/entityRefs';
import { OwnershipService } from '../ownership/OwnershipService';
import { scorecardFreshnessHeaders } from '../ownership/scorecardCsv';
import type { StewardshipRouter } from './createRouter';

/** `GET entities/:kind/:namespace/:name/ownership` and `GET ownership/scorecard`. */
export function ownershipRoutes(
  router: StewardshipRouter,
  options: { httpAuth: HttpAuthService; ownership: OwnershipService },
) {
  const { httpAuth, ownership } = options;

  router.get('/entities/:kind/:namespace/:name/ownership', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(await ownership.getEntityOwnership(req.params, credentials));
  });

  router.get('/ownership/scorecard', async (req, res) => {
    const { format, offset, limit, groupBy, owner, system, domain, ...rest } =
      req.query;
    const credentials = await httpAuth.credentials(req);
    // Filter refs: full (`system:default/x`) or a bare name of the kind the filter is about.
    const filter = {
      ...rest,
      ...(owner && {
        owner: normalizeEntityRef(owner, {
          defaultKind: 'group',
          what: 'Invalid query parameter "owner":',
        }),
      }),
      ...(system && {
        system: normalizeEntityRef(system, {
          defaultKind: 'system',
          what: 'Invalid query parameter "system":',
        }),
      }),
      ...(domain && {
        domain: normalizeEntityRef(domain, {
          defaultKind: 'domain',
          what: 'Invalid query parameter "domain":',
        }),
      }),
    };
    if (format === 'csv') {
      const { csv, evaluatedAt } = await ownership.getScorecardExport(
        { filter },
        credentials,
      );
      // The typed response covers the JSON body; the spec's text/csv alternative is a string.
      // The JSON says how old its data is in the body; the CSV says it in headers.
      (res as express.Response)
        .set(scorecardFreshnessHeaders(evaluatedAt))
        .type('text/csv')
        .attachment('ownership-scorecard.csv')
        .send(csv);
      return;
    }
    res.json(
      await ownership.getScorecard(
        { filter, offset: offset ?? 0, limit: limit ?? 50, groupBy },
        credentials,
      ),
    );
  });
}
