/*
 * A 429 of an on-demand allowance (status, evaluate, preview) carries `Retry-After` in seconds,
 * taken from the error, through Backstage's error handler; a 429 that does not know when, and
 * any other error, carries none.
 */
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import express from 'express';
import request from 'supertest';
import { BacklogService } from '../backlog/BacklogService';
import { IncidentService } from '../incidents/IncidentService';
import { readPagerDutySettings } from '../incidents/pagerduty/PagerDutySettings';
import { PagerDutyWebhookHandler } from '../incidents/pagerduty/PagerDutyWebhookHandler';
import { MetricSourceHealthService } from '../metricSources/MetricSourceHealthService';
import { OwnershipAttestationService } from '../ownership/OwnershipAttestationService';
import { OwnershipExemptionService } from '../ownership/OwnershipExemptionService';
import { OwnershipService } from '../ownership/OwnershipService';
import { ReleaseGateService } from '../releaseGate/ReleaseGateService';
import { ReviewService } from '../review/ReviewService';
import { SloOverviewService } from '../slo/SloOverviewService';
import { SloService, TooManyRequestsError } from '../slo/SloService';
import { createRouter } from './createRouter';

const ID = '8f0c2a4e-1b3d-4c5e-9f6a-7b8c9d0e1f2a';

async function app(slos: Partial<SloService>) {
  const router = await createRouter({
    httpAuth: mockServices.httpAuth({
      defaultCredentials: mockCredentials.user('user:default/jane'),
    }),
    ownership: {} as OwnershipService,
    exemptions: {} as OwnershipExemptionService,
    attestations: {} as OwnershipAttestationService,
    slos: slos as SloService,
    sloOverview: {} as SloOverviewService,
    metricSourceHealth: {} as MetricSourceHealthService,
    incidents: {} as IncidentService,
    pagerDuty: {} as PagerDutyWebhookHandler,
    pagerDutySettings: readPagerDutySettings(new ConfigReader({})),
    backlog: {} as BacklogService,
    review: {} as ReviewService,
    auditor: mockServices.auditor.mock(),
    releaseGate: {} as ReleaseGateService,
  });
  const server = express();
  server.use(router);
  server.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error(),
  );
  return server;
}

describe('Retry-After on a 429 of an on-demand allowance', () => {
  it('answers a status read over the allowance with the seconds to wait', async () => {
    const server = await app({
      status: async () => {
        throw new TooManyRequestsError('reads used up — retry in 17 s', 17);
      },
    });
    const res = await request(server).get(`/slos/${ID}/status`);
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('17');
    expect(res.body.error).toMatchObject({
      name: 'TooManyRequestsError',
      message: 'reads used up — retry in 17 s',
    });
  });

  it('answers an evaluate and a preview over the allowance with it too', async () => {
    const server = await app({
      evaluate: async () => {
        throw new TooManyRequestsError('evaluations used up', 5);
      },
      preview: async () => {
        throw new TooManyRequestsError('previews used up', 30);
      },
    });
    const evaluated = await request(server).post(`/slos/${ID}/evaluate`);
    expect(evaluated.status).toBe(429);
    expect(evaluated.headers['retry-after']).toBe('5');
    const previewed = await request(server)
      .post('/slos/preview')
      .send({
        entityRef: 'component:default/checkout',
        name: 'a',
        sli: { type: 'ratio', good: 'g', total: 't' },
        objective: 0.99,
        timeWindow: { type: 'rolling', duration: '30d' },
        metricSource: 'prom',
      });
    expect(previewed.status).toBe(429);
    expect(previewed.headers['retry-after']).toBe('30');
  });

  it('sets none for a 429 that does not know when, nor for other errors', async () => {
    const server = await app({
      status: async () => {
        throw new TooManyRequestsError('used up');
      },
      snapshot: async () => {
        throw new NotFoundError('no snapshot');
      },
    });
    const limited = await request(server).get(`/slos/${ID}/status`);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBeUndefined();
    const missing = await request(server).get(`/slos/${ID}/snapshot`);
    expect(missing.status).toBe(404);
    expect(missing.headers['retry-after']).toBeUndefined();
  });
});
