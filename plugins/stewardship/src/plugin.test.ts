import { stewardshipPlugin } from './plugin';

describe('stewardship', () => {
  it('should export plugin', () => {
    expect(stewardshipPlugin).toBeDefined();
  });
});
