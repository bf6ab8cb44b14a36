import { byNumber, byText } from './sorting';

type Row = { name: string; value?: number; text?: string };

/** Sorts as material-table does: descending swaps the rows and passes 'desc' (data-manager.js). */
function sortLike(
  rows: Row[],
  compare: ReturnType<typeof byNumber<Row>>,
  direction: 'asc' | 'desc',
): string[] {
  return [...rows]
    .sort((a, b) =>
      direction === 'desc'
        ? compare(b, a, 'row', 'desc')
        : compare(a, b, 'row'),
    )
    .map(r => r.name);
}

describe('column sorts', () => {
  const rows: Row[] = [
    { name: 'none-1' },
    { name: 'two', value: 2 },
    { name: 'minus', value: -1 },
    { name: 'none-2' },
    { name: 'ten', value: 10 },
  ];

  it('puts rows without a number last in both directions', () => {
    const compare = byNumber<Row>(r => r.value);
    expect(sortLike(rows, compare, 'asc')).toEqual([
      'minus',
      'two',
      'ten',
      'none-1',
      'none-2',
    ]);
    expect(sortLike(rows, compare, 'desc')).toEqual([
      'ten',
      'two',
      'minus',
      'none-1',
      'none-2',
    ]);
  });

  it('treats two missing values as equal, not as NaN', () => {
    const compare = byNumber<Row>(r => r.value);
    expect(compare({ name: 'a' }, { name: 'b' }, 'row')).toBe(0);
    expect(compare({ name: 'a' }, { name: 'b' }, 'row', 'desc')).toBe(0);
  });

  it('orders text without regard to case, missing text last both ways', () => {
    const texts: Row[] = [
      { name: '1', text: 'beta' },
      { name: '2' },
      { name: '3', text: 'Alpha' },
      { name: '4', text: 'alpine' },
    ];
    const compare = byText<Row>(r => r.text);
    expect(sortLike(texts, compare, 'asc')).toEqual(['3', '4', '1', '2']);
    expect(sortLike(texts, compare, 'desc')).toEqual(['1', '4', '3', '2']);
  });
});
