/**
 * The link, as the URL parser writes it (`HTTPS://Host/x` → `https://host/x`), when it is an
 * absolute `http:` or `https:` address without a user name or password, else undefined. Written
 * out so that what is linked is what was checked, and Backstage's `Link` (which tells an external
 * address by a lower-case scheme) opens it as one. Links Stewardship shows come from trackers, metric-source modules and users:
 * only such an address may become an `href`. Another scheme (`javascript:`, `data:`,
 * `vbscript:`), a relative or protocol-relative path (`//host`, `/\host`) could run script or
 * leave the site unannounced, and credentials in an address are either leaked or a disguise
 * (`https://tracker.example.com@evil.example`).
 *
 * @public
 */
export function httpLink(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password) return undefined;
  return url.href;
}
