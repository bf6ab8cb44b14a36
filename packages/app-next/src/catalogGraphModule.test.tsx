import { useApi } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogGraphApiRef } from '@backstage/plugin-catalog-graph';
import catalogGraphPlugin from '@backstage/plugin-catalog-graph/alpha';
import { screen } from '@testing-library/react';
import { catalogGraphModule } from './catalogGraphModule';

/** Prints what the app's catalog graph API knows, as the graph card and page read it. */
function GraphApiState() {
  const graph = useApi(catalogGraphApiRef);
  return (
    <>
      <p data-testid="known">{graph.knownRelations.join(',')}</p>
      <p data-testid="default">{graph.defaultRelations.join(',')}</p>
      <p data-testid="pairs">
        {graph.knownRelationPairs.map(pair => pair.join('/')).join(',')}
      </p>
    </>
  );
}

const OURS = [
  'businessOwnedBy',
  'businessOwnerOf',
  'productOwnedBy',
  'productOwnerOf',
  'engineeringOwnedBy',
  'engineeringOwnerOf',
];

describe('catalogGraphModule', () => {
  it('replaces the catalog graph API of the installed plugin with one that knows the Stewardship relations', async () => {
    await renderInTestApp(<GraphApiState />, {
      features: [catalogGraphPlugin, catalogGraphModule],
    });

    const known = (await screen.findByTestId('known')).textContent!.split(',');
    const drawn = screen.getByTestId('default').textContent!.split(',');
    const pairs = screen.getByTestId('pairs').textContent!.split(',');
    expect(known).toEqual(expect.arrayContaining(OURS));
    // Drawn by default, not only selectable on the graph page.
    expect(drawn).toEqual(expect.arrayContaining(OURS));
    // The catalog's own relations are still known.
    expect(known).toEqual(
      expect.arrayContaining(['ownedBy', 'ownerOf', 'partOf', 'hasPart']),
    );
    expect(pairs).toEqual(
      expect.arrayContaining([
        'ownerOf/ownedBy',
        'businessOwnerOf/businessOwnedBy',
        'productOwnerOf/productOwnedBy',
        'engineeringOwnerOf/engineeringOwnedBy',
      ]),
    );
  });

  it('is what the app installs, next to the catalog graph plugin', async () => {
    const { features } = await import('./App');
    expect(features).toEqual(
      expect.arrayContaining([catalogGraphPlugin, catalogGraphModule]),
    );
  });
});
