import { formatAge } from './formatAge';

describe('formatAge', () => {
  it.each([
    [0, 'just now'],
    [1, '1 second ago'],
    [40, '40 seconds ago'],
    [59, '59 seconds ago'],
    [60, '1 minute ago'],
    [119, '1 minute ago'],
    [150, '2 minutes ago'],
    [3600, '1 hour ago'],
    [7300, '2 hours ago'],
  ])('%p seconds reads %p', (seconds, text) => {
    expect(formatAge(seconds)).toBe(text);
  });
});
