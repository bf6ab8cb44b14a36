/** How long ago, in words: `just now`, `40 seconds ago`, `1 minute ago`, `3 hours ago`. */
export function formatAge(ageSeconds: number): string {
  const plural = (n: number, unit: string) =>
    `${n} ${unit}${n === 1 ? '' : 's'} ago`;
  if (ageSeconds < 1) return 'just now';
  if (ageSeconds < 60) return plural(Math.floor(ageSeconds), 'second');
  if (ageSeconds < 3600) return plural(Math.floor(ageSeconds / 60), 'minute');
  return plural(Math.floor(ageSeconds / 3600), 'hour');
}
