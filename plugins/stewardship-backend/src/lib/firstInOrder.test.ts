import fc from 'fast-check';
import { firstInOrder } from './firstInOrder';

const byValue = (a: number, b: number) => a - b;

describe('firstInOrder', () => {
  it('gives what sorting everything and slicing gives, for any list and count', () => {
    fc.assert(
      fc.property(
        // Distinct values: compare must be a total order.
        fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), {
          maxLength: 300,
        }),
        fc.integer({ min: -1, max: 320 }),
        (items, count) => {
          expect(firstInOrder(items, count, byValue)).toEqual(
            [...items].sort(byValue).slice(0, Math.max(0, count)),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps the first entries of a long list in order without sorting it all', () => {
    const items = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 5003);
    let comparisons = 0;
    const counted = (a: number, b: number) => {
      comparisons++;
      return a - b;
    };
    expect(firstInOrder(items, 20, counted)).toEqual(
      [...items].sort(byValue).slice(0, 20),
    );
    // Sorting 5,000 takes ~55,000 comparisons; one pass and a few insertions, ~5,500.
    expect(comparisons).toBeLessThan(8000);
  });

  it('leaves its input as it was', () => {
    const items = [3, 1, 2];
    firstInOrder(items, 2, byValue);
    firstInOrder(items, 3, byValue);
    expect(items).toEqual([3, 1, 2]);
  });
});
