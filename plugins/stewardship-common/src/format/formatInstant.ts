/**
 * An instant as `YYYY-MM-DD HH:mm UTC`: one unambiguous form for every reader of a shared link or
 * a CI log, in the frontend and in the release gate's reasons alike. A string that is not a time
 * is returned as it is.
 *
 * @public
 */
export function formatInstant(iso: string | Date): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) {
    return String(iso);
  }
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
