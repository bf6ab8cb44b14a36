/*
 * The catalog as Stewardship reads it on a caller's behalf.
 *
 * A user's credentials are passed on: the catalog applies its permission policy to them, so a
 * user sees in Stewardship what they see in the catalog. A service's (a static token, another
 * plugin) are replaced by Stewardship's own. For an unrestricted service that changes nothing:
 * Backstage forwards a service's request under the forwarding plugin's identity anyway. For a
 * token whose access restrictions name only `stewardship`, Backstage refuses to forward it to
 * the catalog at all ("Access to target plugin 'catalog' is not included in token's access
 * restrictions"), which made every route that reads the catalog a 403 for, say, a deploy
 * pipeline's token asking the release gate; the way out would have been to give that token the
 * whole catalog. A service's access restrictions bound which Stewardship routes and permissions
 * it has (writes are still authorized with its own credentials); what those routes show of the
 * catalog is Stewardship's to decide.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';

function isServiceCredentials(value: unknown): boolean {
  const principal = (value as { principal?: { type?: unknown } } | undefined)
    ?.principal;
  return principal?.type === 'service';
}

export function catalogOnBehalfOf(
  catalog: CatalogService,
  ownCredentials: BackstageCredentials,
): CatalogService {
  // Every CatalogService method takes `{ credentials }` as its last argument.
  const onBehalfOf = (args: unknown[]) =>
    args.map(arg =>
      arg &&
      typeof arg === 'object' &&
      'credentials' in arg &&
      isServiceCredentials((arg as { credentials: unknown }).credentials)
        ? { ...arg, credentials: ownCredentials }
        : arg,
    );
  return new Proxy(catalog, {
    get(target, property) {
      const value = Reflect.get(target, property);
      return typeof value === 'function'
        ? (...args: unknown[]) => value.apply(target, onBehalfOf(args))
        : value;
    },
  });
}
