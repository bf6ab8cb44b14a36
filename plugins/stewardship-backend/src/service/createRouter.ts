import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { OwnershipService } from '../ownership/OwnershipService';
import { ownershipRoutes } from './ownershipRoutes';

/**
 * The plugin's REST API, mounted at /api/stewardship. `src/schema/openapi.yaml` is its contract.
 * Authentication is enforced by the httpRouter service (every route requires credentials);
 * errors thrown as @backstage/errors types become the standard error responses.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  ownership: OwnershipService;
}): Promise<express.Router> {
  const router = Router();
  router.use(express.json());
  router.use(ownershipRoutes(options));
  return router;
}
