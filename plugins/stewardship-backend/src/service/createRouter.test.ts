import { ReleaseGateService } from '../releaseGate/ReleaseGateService';
import { ReviewService } from '../review/ReviewService';
import { mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import { MetricSourceHealthService } from '../metricSources/MetricSourceHealthService';
import { OwnershipAttestationService } from '../ownership/OwnershipAttestationService';
import { OwnershipExemptionService } from '../ownership/OwnershipExemptionService';
import { OwnershipService } from '../ownership/OwnershipService';
import { spec } from '../schema/openapi';
import { SloService } from '../slo/SloService';
import { SloOverviewService } from '../slo/SloOverviewService';
import { BacklogService } from '../backlog/BacklogService';
import { createRouter } from './createRouter';
import { ConfigReader } from '@backstage/config';
import { IncidentService } from '../incidents/IncidentService';
import { readPagerDutySettings } from '../incidents/pagerduty/PagerDutySettings';
import { PagerDutyWebhookHandler } from '../incidents/pagerduty/PagerDutyWebhookHandler';

type Layer = {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
};

/** Every `METHOD /path` the router serves, read from express's own route table. */
function servedRoutes(router: express.Router): string[] {
  const routes: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const path = layer.route.path.replace(/:(\w+)/g, '{$1}');
        for (const method of Object.keys(layer.route.methods)) {
          routes.push(`${method.toUpperCase()} ${path}`);
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk((router as unknown as { stack: Layer[] }).stack);
  return routes.sort();
}

function documentedRoutes(): string[] {
  return Object.entries(spec.paths)
    .flatMap(([path, operations]) =>
      Object.keys(operations).map(method => `${method.toUpperCase()} ${path}`),
    )
    .sort();
}

describe('createRouter', () => {
  it('serves exactly the operations the spec documents (and the spec itself)', async () => {
    // The services are never called: only the route table is read.
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      ownership: {} as OwnershipService,
      exemptions: {} as OwnershipExemptionService,
      attestations: {} as OwnershipAttestationService,
      slos: {} as SloService,
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
    // `GET /openapi.json` is added by @backstage/backend-openapi-utils to publish the spec.
    expect(servedRoutes(router)).toEqual(
      [...documentedRoutes(), 'GET /openapi.json'].sort(),
    );
  });
});
