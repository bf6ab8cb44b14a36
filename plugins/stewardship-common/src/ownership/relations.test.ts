import { OWNERSHIP_RELATION_PAIRS } from './relations';

describe('OWNERSHIP_RELATION_PAIRS', () => {
  it('pairs each role owner-of first, as the catalog graph pairs ownerOf/ownedBy', () => {
    expect(OWNERSHIP_RELATION_PAIRS).toEqual([
      ['businessOwnerOf', 'businessOwnedBy'],
      ['productOwnerOf', 'productOwnedBy'],
      ['engineeringOwnerOf', 'engineeringOwnedBy'],
    ]);
  });
});
