import {
  ApiBlueprint,
  appTreeApiRef,
  coreExtensionData,
  discoveryApiRef,
  fetchApiRef,
  FrontendPluginInfo,
  useApi,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { useEffect, useState } from 'react';
import packageJson from '../../package.json';
import { StewardshipClient, stewardshipApiRef } from '../api';
import {
  entityBacklogRouteRef,
  entityOwnershipRouteRef,
  entitySlosRouteRef,
  rootRouteRef,
} from '../routes';
import { stewardshipApi } from './apis';
import { stewardshipPage } from './pages';
import { stewardshipFrontendPlugin } from './plugin';

describe('stewardshipFrontendPlugin', () => {
  it('is the stewardship plugin with the legacy route refs', () => {
    expect(stewardshipFrontendPlugin.pluginId).toBe('stewardship');
    expect(stewardshipFrontendPlugin.routes).toEqual({
      root: rootRouteRef,
      entityOwnership: entityOwnershipRouteRef,
      entitySlos: entitySlosRouteRef,
      entityBacklog: entityBacklogRouteRef,
    });
  });

  it('gives the app its package info (name, version) from package.json', async () => {
    /** Prints the info the app resolves for the plugin that owns `api:stewardship`. */
    function PluginInfo() {
      const appTree = useApi(appTreeApiRef);
      const [info, setInfo] = useState<FrontendPluginInfo>();
      useEffect(() => {
        appTree
          .getTree()
          .tree.nodes.get('api:stewardship')
          ?.spec.plugin.info()
          .then(setInfo);
      }, [appTree]);
      return info ? <p>{JSON.stringify(info)}</p> : null;
    }

    await renderInTestApp(<PluginInfo />, {
      features: [stewardshipFrontendPlugin],
    });

    const info = JSON.parse(
      (await screen.findByText(/packageName/)).textContent!,
    );
    expect(info).toMatchObject({
      packageName: '@stewardship/backstage-plugin-stewardship',
      version: packageJson.version,
    });
  });

  // The IDs adopters configure in app.extensions, as the README lists them.
  it.each([
    'api:stewardship',
    'page:stewardship',
    'entity-content:stewardship/ownership',
    'entity-content:stewardship/slos',
    'entity-content:stewardship/backlog',
    'entity-card:stewardship/ownership',
    'entity-card:stewardship/slos',
    'entity-card:stewardship/backlog',
  ] as const)('has the extension %s', id => {
    expect(stewardshipFrontendPlugin.getExtension(id)).toBeDefined();
  });
});

describe('stewardshipPage', () => {
  it('is /stewardship with a title and an icon, so the app shows a nav item', () => {
    const tester = createExtensionTester(stewardshipPage);

    expect(tester.get(coreExtensionData.routePath)).toBe('/stewardship');
    expect(tester.get(coreExtensionData.routeRef)).toBe(rootRouteRef);
    expect(tester.get(coreExtensionData.title)).toBe('Stewardship');
    expect(tester.get(coreExtensionData.icon)).toBeTruthy();
  });
});

describe('stewardshipApi', () => {
  it('makes a StewardshipClient from the discovery and fetch APIs', () => {
    const factory = createExtensionTester(stewardshipApi).get(
      ApiBlueprint.dataRefs.factory,
    );

    expect(factory.api).toBe(stewardshipApiRef);
    expect(Object.keys(factory.deps).sort()).toEqual([
      'discoveryApi',
      'fetchApi',
    ]);
    expect(factory.deps).toEqual({
      discoveryApi: discoveryApiRef,
      fetchApi: fetchApiRef,
    });
    const client = factory.factory({
      discoveryApi: { getBaseUrl: async () => 'http://localhost/api/x' },
      fetchApi: { fetch },
    });
    expect(client).toBeInstanceOf(StewardshipClient);
  });
});
