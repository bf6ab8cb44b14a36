import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import { OwnershipService } from '../ownership/OwnershipService';
import { scorecardFreshnessHeaders } from '../ownership/scorecardCsv';
import type { StewardshipRouter } from './createRouter';
import { OWNER_KINDS, queryEntityRef } from './queryEntityRef';

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

  router.get('/ownership/evaluations', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await ownership.listEvaluations(
        { offset: req.query.offset ?? 0, limit: req.query.limit ?? 500 },
        credentials,
      ),
    );
  });

  router.get('/ownership/scorecard', async (req, res) => {
    const { format, offset, limit, groupBy, owner, system, domain, ...rest } =
      req.query;
    const credentials = await httpAuth.credentials(req);
    // Filter refs: full (`system:default/x`) or a bare name of the kind the filter is about.
    const filter = {
      ...rest,
      ...(owner && {
        owner: queryEntityRef(owner, 'owner', 'group', OWNER_KINDS),
      }),
      ...(system && {
        system: queryEntityRef(system, 'system', 'system', ['system']),
      }),
      ...(domain && {
        domain: queryEntityRef(domain, 'domain', 'domain', ['domain']),
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
