import { catalogGraphApiRef } from '@backstage/plugin-catalog-graph';
import { apis } from './apis';

describe('the demo app APIs', () => {
  it('teach the catalog graph the Stewardship relations, drawn by default', () => {
    const factory = apis.find(f => f.api.id === catalogGraphApiRef.id);
    expect(factory).toBeDefined();
    const graph = factory!.factory({}) as {
      knownRelations: string[];
      knownRelationPairs: [string, string][];
      defaultRelations: string[];
    };
    const ours = [
      'businessOwnedBy',
      'businessOwnerOf',
      'productOwnedBy',
      'productOwnerOf',
      'engineeringOwnedBy',
      'engineeringOwnerOf',
    ];
    expect(graph.knownRelations).toEqual(expect.arrayContaining(ours));
    expect(graph.defaultRelations).toEqual(expect.arrayContaining(ours));
    // The catalog's own relations are still known.
    expect(graph.knownRelations).toEqual(
      expect.arrayContaining(['ownedBy', 'ownerOf', 'partOf', 'hasPart']),
    );
    expect(graph.knownRelationPairs).toEqual(
      expect.arrayContaining([
        ['ownerOf', 'ownedBy'],
        ['businessOwnerOf', 'businessOwnedBy'],
        ['productOwnerOf', 'productOwnedBy'],
        ['engineeringOwnerOf', 'engineeringOwnedBy'],
      ]),
    );
  });
});
