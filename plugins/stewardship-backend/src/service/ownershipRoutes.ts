import { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  OWNERSHIP_ROLES,
  OWNERSHIP_STATUSES,
  OwnershipRole,
  OwnershipStatus,
  SCORECARD_GROUP_BYS,
  ScorecardGroupBy,
} from '@stewardship/backstage-plugin-stewardship-common';
import Router from 'express-promise-router';
import { z } from 'zod/v4';
import { OwnershipService } from '../ownership/OwnershipService';
import { parseInput } from './parseInput';

const validator = makeValidator();

/** A filter ref: full (`system:default/x`) or short (`x`), normalised to a full ref. */
const refFilter = (defaultKind: string) =>
  z
    .string()
    .min(1)
    .transform((value, ctx) => {
      try {
        const ref = parseEntityRef(value, {
          defaultKind,
          defaultNamespace: 'default',
        });
        if (
          validator.isValidNamespace(ref.namespace) &&
          validator.isValidEntityName(ref.name)
        ) {
          return stringifyEntityRef(ref);
        }
      } catch {
        // reported below
      }
      ctx.addIssue({
        code: 'custom',
        message: `"${value}" is not an entity ref`,
      });
      return z.NEVER;
    });

const scorecardQuerySchema = z
  .object({
    kind: z.string().min(1).optional(),
    type: z.string().min(1).optional(),
    owner: refFilter('group').optional(),
    system: refFilter('system').optional(),
    domain: refFilter('domain').optional(),
    status: z
      .enum(OWNERSHIP_STATUSES as [OwnershipStatus, ...OwnershipStatus[]])
      .optional(),
    role: z
      .enum(OWNERSHIP_ROLES as [OwnershipRole, ...OwnershipRole[]])
      .optional(),
    groupBy: z
      .enum(SCORECARD_GROUP_BYS as [ScorecardGroupBy, ...ScorecardGroupBy[]])
      .optional(),
    offset: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .strict();

const entityRefParams = z.object({
  kind: z.string().min(1),
  namespace: z.string().min(1),
  name: z.string().min(1),
});

/** `GET entities/:kind/:namespace/:name/ownership` and `GET ownership/scorecard`. */
export function ownershipRoutes(options: {
  httpAuth: HttpAuthService;
  ownership: OwnershipService;
}) {
  const { httpAuth, ownership } = options;
  const router = Router();

  router.get('/entities/:kind/:namespace/:name/ownership', async (req, res) => {
    const ref = parseInput(entityRefParams, req.params, 'path parameter');
    const credentials = await httpAuth.credentials(req);
    res.json(await ownership.getEntityOwnership(ref, credentials));
  });

  router.get('/ownership/scorecard', async (req, res) => {
    const { format, offset, limit, groupBy, ...filter } = parseInput(
      scorecardQuerySchema,
      req.query,
      'query parameter',
    );
    const credentials = await httpAuth.credentials(req);
    if (format === 'csv') {
      const csv = await ownership.getScorecardCsv({ filter }, credentials);
      res.type('text/csv').attachment('ownership-scorecard.csv').send(csv);
      return;
    }
    res.json(
      await ownership.getScorecard(
        { filter, offset, limit, groupBy },
        credentials,
      ),
    );
  });

  return router;
}
