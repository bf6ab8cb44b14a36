import { HttpAuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod/v4';
import { SloService } from '../slo/SloService';
import { parseInput } from './parseInput';

const YAML_TYPES = [
  'application/yaml',
  'application/x-yaml',
  'text/yaml',
  'text/x-yaml',
  'text/plain',
];

/** An ISO 8601 time with an offset, e.g. `2026-09-30T23:59:59Z`. */
const isoTime = z.iso
  .datetime({ offset: true })
  .transform(value => new Date(value));

const atQuery = z.object({ at: isoTime.optional() }).strict();
const idParams = z.object({
  id: z.uuid({ message: 'must be an SLO id (a UUID)' }),
});
const entityRefParams = z.object({
  kind: z.string().min(1),
  namespace: z.string().min(1),
  name: z.string().min(1),
});
const listQuery = z
  .object({
    entityRef: z.string().min(1).optional(),
    offset: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
const historyQuery = z
  .object({
    from: isoTime.optional(),
    to: isoTime.optional(),
    limit: z.coerce.number().int().min(2).max(5000).default(500),
  })
  .strict();
const importQuery = z
  .object({
    entityRef: z.string().min(1).optional(),
    metricSource: z.string().min(1).optional(),
    dryRun: z
      .enum(['true', 'false'])
      .transform(value => value === 'true')
      .default(false),
  })
  .strict();

/** SLO definitions (CRUD, import/export) and their statuses and history. */
export function sloRoutes(options: {
  httpAuth: HttpAuthService;
  slos: SloService;
}) {
  const { httpAuth, slos } = options;
  const router = Router();

  router.get('/slos', async (req, res) => {
    const query = parseInput(listQuery, req.query, 'query parameter');
    await httpAuth.credentials(req);
    const entityRef = query.entityRef?.toLocaleLowerCase('en-US');
    res.json(await slos.list({ ...query, entityRef }));
  });

  router.post('/slos', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.status(201).json(await slos.create(req.body, credentials));
  });

  router.post(
    '/slos/import',
    express.text({ type: YAML_TYPES, limit: '1mb' }),
    async (req, res) => {
      const query = parseInput(importQuery, req.query, 'query parameter');
      const credentials = await httpAuth.credentials(req);
      if (typeof req.body !== 'string' || !req.body.trim()) {
        throw new InputError(
          `Send the OpenSLO or Sloth YAML as the request body with Content-Type ${YAML_TYPES[0]}`,
        );
      }
      const result = await slos.import(req.body, query, credentials);
      res.status(query.dryRun ? 200 : 201).json({ items: result });
    },
  );

  router.get('/slos/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path parameter');
    await httpAuth.credentials(req);
    res.json(await slos.get(id));
  });

  router.put('/slos/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path parameter');
    const credentials = await httpAuth.credentials(req);
    res.json(await slos.update(id, req.body, credentials));
  });

  router.delete('/slos/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path parameter');
    const credentials = await httpAuth.credentials(req);
    await slos.delete(id, credentials);
    res.status(204).end();
  });

  router.get('/slos/:id/openslo', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path parameter');
    await httpAuth.credentials(req);
    res.type('application/yaml').send(await slos.exportOpenSlo(id));
  });

  router.get('/slos/:id/status', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path parameter');
    const { at } = parseInput(atQuery, req.query, 'query parameter');
    await httpAuth.credentials(req);
    res.json(await slos.status(id, at));
  });

  router.get('/slos/:id/history', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path parameter');
    const range = parseInput(historyQuery, req.query, 'query parameter');
    await httpAuth.credentials(req);
    res.json(await slos.history(id, range));
  });

  router.post('/slos/:id/evaluate', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path parameter');
    const { at } = parseInput(atQuery, req.query, 'query parameter');
    await httpAuth.credentials(req);
    res.json(await slos.evaluate(id, at));
  });

  router.get('/entities/:kind/:namespace/:name/slos', async (req, res) => {
    const ref = parseInput(entityRefParams, req.params, 'path parameter');
    const { at } = parseInput(atQuery, req.query, 'query parameter');
    await httpAuth.credentials(req);
    const entityRef = stringifyEntityRef(ref).toLocaleLowerCase('en-US');
    res.json({
      entityRef,
      at: (at ?? new Date()).toISOString(),
      items: await slos.entityStatuses(entityRef, at),
    });
  });

  return router;
}
