import { SLO_KINDS, isSloKind } from './sloKinds';

describe('the kinds that can have SLOs', () => {
  it('are Component, API and System, in lower case', () => {
    expect([...SLO_KINDS].sort()).toEqual(['api', 'component', 'system']);
  });

  it.each([
    ['component', true],
    ['Component', true],
    ['API', true],
    ['api', true],
    ['SYSTEM', true],
    ['Domain', false],
    ['Resource', false],
    ['Group', false],
    ['User', false],
    ['Location', false],
    ['', false],
  ])('%p: %p', (kind, expected) => {
    expect(isSloKind(kind)).toBe(expected);
  });
});
