import { Link, LinkProps } from '@backstage/core-components';
import { httpLink } from '@stewardship/backstage-plugin-stewardship-common';

/**
 * `children` linked to `href` when it is an http(s) address (see `httpLink`), else `children`
 * alone. Addresses from trackers and metric-source modules are data: core-components' `Link`
 * throws on a `javascript:` one (taking the whole view down) and passes `data:` or `//host`
 * through to the page.
 */
export function LinkOrText(
  props: Omit<LinkProps, 'to'> & { href: string | undefined },
) {
  const { href, children, ...linkProps } = props;
  const link = httpLink(href);
  return link ? (
    <Link to={link} {...linkProps}>
      {children}
    </Link>
  ) : (
    <>{children}</>
  );
}
