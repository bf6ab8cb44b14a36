import { Link, LinkProps } from '@backstage/core-components';
import { configApiRef, useApiHolder } from '@backstage/core-plugin-api';
import { BacklogItem } from '@stewardship/backstage-plugin-stewardship-common';
import { LinkOrText } from '../LinkOrText';

/**
 * The path inside the app that `href` names, when it names a page of this app: an absolute
 * address under the app's base URL (`app.baseUrl`, what the backend builds its own links from,
 * such as a breached SLO's tab) or on the page's own origin, or a path from the root. `undefined`
 * for anything else (a tracker's issue).
 *
 * The path is relative to the app's base path, as the app's router (mounted at that base path)
 * expects it.
 */
export function inAppPath(
  href: string | undefined,
  app: { baseUrl?: string; pageOrigin?: string },
): string | undefined {
  if (href === undefined) return undefined;
  const base = parseUrl(app.baseUrl ?? app.pageOrigin);
  if (!base) return undefined;
  const basePath = base.pathname.replace(/\/+$/, '');
  // A root-relative path ("/catalog/…"), never a protocol-relative one ("//host/…").
  const url = /^\/(?!\/)/.test(href)
    ? parseUrl(href, base.origin)
    : parseUrl(href);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    return undefined;
  }
  if (url.username || url.password) return undefined;
  if (url.origin !== base.origin && url.origin !== app.pageOrigin) {
    return undefined;
  }
  const { pathname } = url;
  if (pathname !== basePath && !pathname.startsWith(`${basePath}/`)) {
    return undefined;
  }
  return `${pathname.slice(basePath.length) || '/'}${url.search}${url.hash}`;
}

function parseUrl(value: string | undefined, base?: string) {
  if (value === undefined) return undefined;
  try {
    return new URL(value, base);
  } catch {
    return undefined;
  }
}

/**
 * The text of an item's link, which is also its accessible name: its key, and for an incident's
 * action item (whose key, `SEV3 action`, names its incident's severity, not what the link opens)
 * the key then the item's title, so that the link says where it goes (the ticket or document of
 * that action). Given as `aria-label` too, which `Link` ends with `, Opens in a new window` for a
 * new window, with no space before the comma (its hidden span, absolutely placed, reads as a
 * separate word).
 */
export function backlogItemLinkName(
  item: Pick<BacklogItem, 'key' | 'title' | 'type'>,
): string {
  return item.type === 'action-item' ? `${item.key}: ${item.title}` : item.key;
}

/**
 * An item's key and title, `BILL-12: Checkout fails on retry`, with the key linked (for an action
 * item, key and title: {@link backlogItemLinkName}, so that its title is neither outside its
 * link's name nor heard twice). A page of this app (a built-in item, such as a breached SLO's
 * tab) opens in place like any link inside the app; a tracker's address opens in a new window,
 * said so to screen readers by `Link`; any other address is text (see `LinkOrText`).
 */
export function BacklogItemKeyAndTitle(
  props: Omit<LinkProps, 'to' | 'children'> & {
    item: Pick<BacklogItem, 'key' | 'title' | 'type' | 'link'>;
  },
) {
  const { item, ...rest } = props;
  const href = item.link;
  const name = backlogItemLinkName(item);
  const linkProps = { ...rest, 'aria-label': name };
  // Optional, as core-components' `Link` reads it: an app without one still lists its items.
  const config = useApiHolder().get(configApiRef);
  const path = inAppPath(href, {
    baseUrl: config?.getOptionalString('app.baseUrl'),
    pageOrigin: window.location.origin,
  });
  const link = path ? (
    <Link to={path} {...linkProps}>
      {name}
    </Link>
  ) : (
    <LinkOrText href={href} {...linkProps}>
      {name}
    </LinkOrText>
  );
  return item.type === 'action-item' ? (
    link
  ) : (
    <>
      {link}: {item.title}
    </>
  );
}
