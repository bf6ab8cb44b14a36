import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { normalizeEntityRef } from '../lib/entityRefs';
import { SloService } from '../slo/SloService';
import { audited } from './audited';
import { bodyDate, queryDate } from './queryDate';
import { queryEntityRef } from './queryEntityRef';
import type { StewardshipRouter } from './createRouter';

/** SLO definitions (CRUD, import/export) and their statuses and history. */
export function sloRoutes(
  router: StewardshipRouter,
  options: {
    httpAuth: HttpAuthService;
    auditor: AuditorService;
    slos: SloService;
  },
) {
  const { httpAuth, auditor, slos } = options;

  router.get('/slos', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await slos.list(
        {
          entityRef: queryEntityRef(
            req.query.entityRef,
            'entityRef',
            'component',
          ),
          offset: req.query.offset ?? 0,
          limit: req.query.limit ?? 100,
        },
        credentials,
      ),
    );
  });

  router.post('/slos', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const created = await audited(
      auditor,
      {
        eventId: 'slo-create',
        request: req,
        meta: { entityRef: req.body.entityRef, name: req.body.name },
      },
      () => slos.create(req.body, credentials),
      slo => ({
        sloId: slo.id,
        entityRef: slo.entityRef,
        version: slo.version,
      }),
    );
    res.status(201).json(created);
  });

  // Stores nothing: not an audit event.
  router.post('/slos/preview', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(await slos.preview(req.body, credentials));
  });

  router.post('/slos/import', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const body: unknown = req.body;
    if (typeof body !== 'string' || !body.trim()) {
      throw new InputError(
        'Send the OpenSLO or Sloth YAML as the request body with Content-Type application/yaml',
      );
    }
    const dryRun = req.query.dryRun === 'true';
    const importSlos = () =>
      slos.import(
        body,
        {
          entityRef: queryEntityRef(
            req.query.entityRef,
            'entityRef',
            'component',
          ),
          metricSource: req.query.metricSource,
          dryRun,
        },
        credentials,
      );
    // A preview changes nothing: not an audit event.
    const result = dryRun
      ? await importSlos()
      : await audited(
          auditor,
          { eventId: 'slo-import', request: req },
          importSlos,
          imported => ({
            sloIds: imported.map(slo => ('id' in slo ? slo.id : slo.name)),
          }),
        );
    res.status(dryRun ? 200 : 201).json({ items: result });
  });

  // A read (POST only to carry up to 100 refs): not an audit event, as the GET of one entity's
  // SLOs is none. Each entity answers what that GET would, or null for its 404.
  router.post('/slos/by-entities', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const entityRefs = req.body.entityRefs.map((ref, index) =>
      normalizeEntityRef(ref, {
        defaultKind: 'component',
        what: `Invalid request body "entityRefs/${index}":`,
      }),
    );
    const at = bodyDate(req.body.at, 'at');
    // Read while the catalog answers which entities the caller may see; sent only for those.
    const [readable, statuses] = await Promise.all([
      slos.readableEntityRefs(entityRefs, credentials),
      slos.entitiesStatuses(entityRefs, at, 'request body "at"'),
    ]);
    const answeredAt = (at ?? new Date()).toISOString();
    res.json({
      at: answeredAt,
      items: entityRefs.map(entityRef =>
        readable.has(entityRef)
          ? {
              entityRef,
              at: answeredAt,
              stalenessSeconds: slos.stalenessSeconds,
              items: statuses.get(entityRef)!,
            }
          : null,
      ),
    });
  });

  router.get('/slos/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(await slos.get(req.params.id, credentials));
  });

  router.put('/slos/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const updated = await audited(
      auditor,
      {
        eventId: 'slo-update',
        request: req,
        meta: { sloId: req.params.id, fromVersion: req.body.version },
      },
      () => slos.update(req.params.id, req.body, credentials),
      slo => ({ entityRef: slo.entityRef, version: slo.version }),
    );
    res.json(updated);
  });

  router.delete('/slos/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    await audited(
      auditor,
      { eventId: 'slo-delete', request: req, meta: { sloId: req.params.id } },
      () => slos.delete(req.params.id, credentials),
      () => ({}),
    );
    res.status(204).end();
  });

  router.get('/slos/:id/openslo', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    // Export first: an unknown id must leave as a JSON error, not under a YAML content type.
    const document = await slos.exportOpenSlo(req.params.id, credentials);
    res.type('application/yaml').send(document);
  });

  router.get('/slos/:id/status', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await slos.status(
        req.params.id,
        queryDate(req.query.at, 'at'),
        credentials,
      ),
    );
  });

  router.get('/slos/:id/snapshot', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await slos.snapshot(
        req.params.id,
        queryDate(req.query.at, 'at'),
        credentials,
      ),
    );
  });

  router.get('/slos/:id/history', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await slos.history(
        req.params.id,
        {
          from: queryDate(req.query.from, 'from'),
          to: queryDate(req.query.to, 'to'),
          at: queryDate(req.query.at, 'at'),
          limit: req.query.limit ?? 500,
        },
        credentials,
      ),
    );
  });

  router.get('/slos/:id/revisions', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json({ items: await slos.revisions(req.params.id, credentials) });
  });

  router.get('/slos/:id/corrections', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json({
      items: await slos.listCorrections(req.params.id, credentials),
    });
  });

  router.post('/slos/:id/corrections', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const created = await audited(
      auditor,
      {
        eventId: 'slo-correction-create',
        request: req,
        meta: { sloId: req.params.id, reason: req.body.reason },
      },
      () => slos.addCorrection(req.params.id, req.body, credentials),
      correction => ({
        correctionId: correction.id,
        ...(correction.once && { once: { ...correction.once } }),
        ...(correction.weekly && {
          weekly: { ...correction.weekly, days: [...correction.weekly.days] },
        }),
      }),
    );
    res.status(201).json(created);
  });

  router.delete('/slos/:id/corrections/:correctionId', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    await audited(
      auditor,
      {
        eventId: 'slo-correction-delete',
        request: req,
        meta: {
          sloId: req.params.id,
          correctionId: req.params.correctionId,
        },
      },
      () =>
        slos.deleteCorrection(
          req.params.id,
          req.params.correctionId,
          credentials,
        ),
      correction => ({ reason: correction.reason }),
    );
    res.status(204).end();
  });

  // A write: it stores a snapshot, and with a past `at` adds to the SLO's history (burndown,
  // planning review), so it is audited like the other SLO writes.
  router.post('/slos/:id/evaluate', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const at = queryDate(req.query.at, 'at');
    const evaluation = await audited(
      auditor,
      {
        eventId: 'slo-evaluate',
        request: req,
        meta: { sloId: req.params.id, ...(at && { at: at.toISOString() }) },
      },
      () => slos.evaluate(req.params.id, at, credentials),
      result => ({
        at: result.at,
        evaluatedAt: result.evaluatedAt,
        status: result.status,
      }),
    );
    res.json(evaluation);
  });

  router.get('/entities/:kind/:namespace/:name/slos', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const entityRef = normalizeEntityRef(req.params);
    const at = queryDate(req.query.at, 'at');
    // Read while the catalog answers whether the caller may see the entity; sent only if so.
    const [, items] = await Promise.all([
      slos.assertEntityReadable(entityRef, credentials),
      slos.entityStatuses(entityRef, at),
    ]);
    res.json({
      entityRef,
      at: (at ?? new Date()).toISOString(),
      stalenessSeconds: slos.stalenessSeconds,
      items,
    });
  });

  router.get(
    '/entities/:kind/:namespace/:name/slos/dependency-ceiling',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req);
      res.json(
        await slos.dependencyCeiling(
          normalizeEntityRef(req.params),
          credentials,
        ),
      );
    },
  );
}
