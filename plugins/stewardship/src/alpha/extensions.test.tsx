import { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen, within } from '@testing-library/react';
import { SWRConfig } from 'swr';
import { ownership } from '../__testUtils__/fixtures';
import { mockStewardshipApi, testEntity } from '../__testUtils__/renderWithApi';
import { allSloItems, entitySlos } from '../__testUtils__/sloFixtures';
import { StewardshipApi, stewardshipApiRef } from '../api';
import {
  entityBacklogRouteRef,
  entityOwnershipRouteRef,
  entitySlosRouteRef,
} from '../routes';
import {
  entityBacklogCard,
  entityOwnershipCard,
  entitySloCard,
} from './entityCards';
import {
  entityBacklogContent,
  entityOwnershipContent,
  entitySlosContent,
} from './entityContents';

const entityOf = (
  kind: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x', annotations },
});

const healthyItem = allSloItems[0];
const healthySlo = healthyItem.slo;

/** Renders an extension's element as an entity page would: inside the entity's context. */
async function renderForEntity(element: JSX.Element, api: StewardshipApi) {
  return renderInTestApp(
    <SWRConfig value={{ provider: () => new Map() }}>
      <EntityProvider entity={testEntity}>{element}</EntityProvider>
    </SWRConfig>,
    {
      apis: [
        [stewardshipApiRef, api],
        [permissionApiRef, mockApis.permission()],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

// The SLOs tab test renders several cards at once, slow on a loaded machine.
jest.setTimeout(30_000);

describe('entitySlosContent', () => {
  it('is the SLOs tab at slos, bound to the legacy route ref', () => {
    const tester = createExtensionTester(entitySlosContent);

    expect(tester.get(coreExtensionData.routePath)).toBe('slos');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('SLOs');
    expect(tester.get(coreExtensionData.routeRef)).toBe(entitySlosRouteRef);
  });

  it('shows on Components, APIs and Systems only, by default', () => {
    const filter = createExtensionTester(entitySlosContent).get(
      EntityContentBlueprint.dataRefs.filterFunction,
    )!;

    expect(
      ['Component', 'API', 'System'].map(k => filter(entityOf(k))),
    ).toEqual([true, true, true]);
    expect(
      ['Domain', 'Resource', 'Group'].map(k => filter(entityOf(k))),
    ).toEqual([false, false, false]);
  });

  it('shows on the kinds an adopter configures', () => {
    const filter = createExtensionTester(entitySlosContent, {
      config: { kinds: ['Resource'] },
    }).get(EntityContentBlueprint.dataRefs.filterFunction)!;

    expect(filter(entityOf('Resource'))).toBe(true);
    expect(filter(entityOf('Component'))).toBe(false);
  });

  it('lets the catalog blueprint’s own filter option replace the default', () => {
    const filter = createExtensionTester(entitySlosContent, {
      config: {
        filter: { 'metadata.annotations.example.com/slos': { $exists: true } },
      },
    }).get(EntityContentBlueprint.dataRefs.filterFunction)!;

    expect(filter(entityOf('Component'))).toBe(false);
    expect(filter(entityOf('Group', { 'example.com/slos': 'yes' }))).toBe(true);
  });

  it('renders the entity’s SLOs from the Stewardship API', async () => {
    const requested: string[] = [];
    const api = mockStewardshipApi({
      getEntitySlos: async ref => {
        requested.push(String(ref));
        return entitySlos([healthyItem]);
      },
    });
    const tester = createExtensionTester(entitySlosContent);

    await renderForEntity(tester.reactElement(), api);

    // The whole tab renders (SLOs, release gate, dependency ceiling, incidents): on a loaded
    // machine that takes longer than findBy's default second.
    const row = await screen.findByRole(
      'region',
      { name: healthySlo.name },
      { timeout: 10_000 },
    );
    expect(
      within(row).getByText('healthy', { selector: 'span' }),
    ).toBeVisible();
    expect(requested).toContain('component:default/payments-api');
  });
});

describe('entityOwnershipContent', () => {
  it('is the Ownership tab at ownership on the kinds that carry roles', () => {
    const tester = createExtensionTester(entityOwnershipContent);
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;

    expect(tester.get(coreExtensionData.routePath)).toBe('ownership');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Ownership');
    expect(tester.get(coreExtensionData.routeRef)).toBe(
      entityOwnershipRouteRef,
    );
    expect(filter(entityOf('Domain'))).toBe(true);
    expect(filter(entityOf('User'))).toBe(false);
  });

  it('a path override moves the tab', () => {
    const tester = createExtensionTester(entityOwnershipContent, {
      config: { path: 'owners', title: 'Owners' },
    });

    expect(tester.get(coreExtensionData.routePath)).toBe('owners');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Owners');
  });
});

describe('entityBacklogContent', () => {
  it('is the Backlog tab at backlog, on its kinds and on entities naming a tracker', () => {
    const tester = createExtensionTester(entityBacklogContent);
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;

    expect(tester.get(coreExtensionData.routePath)).toBe('backlog');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Backlog');
    expect(tester.get(coreExtensionData.routeRef)).toBe(entityBacklogRouteRef);
    expect(filter(entityOf('System'))).toBe(true);
    expect(filter(entityOf('Group'))).toBe(false);
    expect(
      filter(entityOf('Group', { 'github.com/project-slug': 'acme/payments' })),
    ).toBe(true);
  });

  it('with kinds configured, still shows on an entity naming a tracker', () => {
    const filter = createExtensionTester(entityBacklogContent, {
      config: { kinds: ['Component'] },
    }).get(EntityContentBlueprint.dataRefs.filterFunction)!;

    expect(filter(entityOf('Component'))).toBe(true);
    expect(filter(entityOf('System'))).toBe(false);
    expect(filter(entityOf('System', { 'jira/project-key': 'PAY' }))).toBe(
      true,
    );
  });

  it('the backlog card shows where the tab does', () => {
    const filter = createExtensionTester(entityBacklogCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;

    expect(filter(entityOf('API'))).toBe(true);
    expect(filter(entityOf('Domain'))).toBe(false);
    expect(filter(entityOf('Domain', { 'jira/project-key': 'PAY' }))).toBe(
      true,
    );
  });
});

describe('overview cards', () => {
  it('the SLO card shows on the SLO kinds, or the configured ones', () => {
    const byDefault = createExtensionTester(entitySloCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    const configured = createExtensionTester(entitySloCard, {
      config: { kinds: ['System'] },
    }).get(EntityCardBlueprint.dataRefs.filterFunction)!;

    expect(byDefault(entityOf('API'))).toBe(true);
    expect(byDefault(entityOf('Group'))).toBe(false);
    expect(configured(entityOf('System'))).toBe(true);
    expect(configured(entityOf('API'))).toBe(false);
  });

  it('the ownership card renders the entity’s ownership summary', async () => {
    const requested: string[] = [];
    const api = mockStewardshipApi({
      getEntityOwnership: async ref => {
        requested.push(String(ref));
        return ownership;
      },
    });
    const tester = createExtensionTester(entityOwnershipCard);

    await renderForEntity(tester.reactElement(), api);

    expect(
      await screen.findByText('1 role needs attention'),
    ).toBeInTheDocument();
    expect(requested).toContain('component:default/payments-api');
  });
});
