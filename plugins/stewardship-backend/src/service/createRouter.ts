import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { OwnershipService } from '../ownership/OwnershipService';
import { SloService } from '../slo/SloService';
import { ownershipRoutes } from './ownershipRoutes';
import { sloRoutes } from './sloRoutes';

/**
 * The plugin's REST API, mounted at /api/stewardship. `src/schema/openapi.yaml` is its contract.
 * Authentication is enforced by the httpRouter service (every route requires credentials);
 * errors thrown as @backstage/errors types become the standard error responses.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  ownership: OwnershipService;
  slos: SloService;
}): Promise<express.Router> {
  const router = Router();
  router.use(express.json({ limit: '1mb' }));
  router.use(ownershipRoutes(options));
  router.use(sloRoutes(options));
  return router;
}
