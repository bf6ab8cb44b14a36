import { Entity } from '@backstage/catalog-model';
import {
  DiscoveryApi,
  IdentityApi,
  discoveryApiRef,
  identityApiRef,
} from '@backstage/core-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { ReactElement } from 'react';
import { SWRConfig } from 'swr';
import { StewardshipApi, stewardshipApiRef } from '../api';

export const testEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/payments' },
};

/** A StewardshipApi whose methods reject unless a test overrides them. */
export function mockStewardshipApi(
  overrides: Partial<StewardshipApi> = {},
): StewardshipApi {
  const unexpected = () => Promise.reject(new Error('not mocked'));
  return {
    getEntityOwnership: unexpected,
    getOwnershipScorecard: unexpected,
    getOwnershipScorecardCsv: unexpected,
    getSloOverview: unexpected,
    getSloOverviewCsv: unexpected,
    getEntitySlos: unexpected,
    getSlosByEntities: unexpected,
    getSloSnapshot: unexpected,
    getEntityDependencyCeiling: unexpected,
    getEntityReleaseGate: unexpected,
    getEntityBacklog: unexpected,
    createReleaseGateOverride: unexpected,
    createOwnershipExemption: unexpected,
    deleteOwnershipExemption: unexpected,
    attestOwnershipRole: unexpected,
    listEntityIncidents: unexpected,
    getIncident: unexpected,
    createIncident: unexpected,
    updateIncident: unexpected,
    createIncidentActionItem: unexpected,
    updateIncidentActionItem: unexpected,
    getEntityIncidentSummary: unexpected,
    getSlo: unexpected,
    getSloHistory: unexpected,
    listMetricSources: unexpected,
    createSlo: unexpected,
    evaluateSlo: unexpected,
    previewSlo: unexpected,
    createSloCorrection: unexpected,
    deleteSloCorrection: unexpected,
    listSloRevisions: unexpected,
    updateSlo: unexpected,
    deleteSlo: unexpected,
    importSlos: unexpected,
    exportSloOpenSlo: unexpected,
    getPlanningReview: unexpected,
    ...overrides,
  };
}

/** Renders an element in a test app with the API and, if given, an entity. */
export function renderWithApi(
  element: ReactElement,
  api: StewardshipApi,
  options: {
    entity?: Entity;
    routeEntries?: string[];
    /** Default: every permission allowed. */
    permissionApi?: PermissionApi;
    /** Default: the test app's identity. */
    identityApi?: IdentityApi;
    /** Default: `http://example.com/api/{pluginId}`. */
    discoveryApi?: DiscoveryApi;
  } = {},
) {
  const content = options.entity ? (
    <EntityProvider entity={options.entity}>{element}</EntityProvider>
  ) : (
    element
  );
  return renderInTestApp(
    // A fresh cache per render: usePermission caches decisions (SWR), which would otherwise carry
    // one test's policy into the next.
    <SWRConfig value={{ provider: () => new Map() }}>
      <TestApiProvider
        apis={[
          [stewardshipApiRef, api],
          [permissionApiRef, options.permissionApi ?? mockApis.permission()],
          ...(options.identityApi
            ? [[identityApiRef, options.identityApi] as const]
            : []),
          [discoveryApiRef, options.discoveryApi ?? mockApis.discovery()],
        ]}
      >
        {content}
      </TestApiProvider>
    </SWRConfig>,
    {
      routeEntries: options.routeEntries,
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}
