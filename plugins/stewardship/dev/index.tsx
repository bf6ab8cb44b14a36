import { Entity } from '@backstage/catalog-model';
import { createDevApp } from '@backstage/dev-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  EntityOwnershipCard,
  EntityOwnershipContent,
  stewardshipPlugin,
  StewardshipPage,
} from '../src';

// Served by `yarn start` in this folder against a backend on :7007 that
// knows this entity (e.g. the repo's demo catalog).
const demoEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/payments' },
};

createDevApp()
  .registerPlugin(stewardshipPlugin)
  .addPage({
    element: <StewardshipPage />,
    title: 'Scorecard',
    path: '/stewardship',
  })
  .addPage({
    element: (
      <EntityProvider entity={demoEntity}>
        <EntityOwnershipCard />
        <EntityOwnershipContent />
      </EntityProvider>
    ),
    title: 'Entity ownership',
    path: '/stewardship-entity',
  })
  .render();
