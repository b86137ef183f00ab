/**
 * Test stand-in for `@docusaurus/Link`: a plain anchor to `to` (or `href`),
 * without base-URL handling or client-side navigation.
 */
import type {ReactNode} from 'react';
import type {Props} from '@docusaurus/Link';

export default function Link({
  to,
  href,
  children,
  isNavLink: _isNavLink,
  autoAddBaseUrl: _autoAddBaseUrl,
  'data-noBrokenLinkCheck': _noBrokenLinkCheck,
  activeClassName: _activeClassName,
  activeStyle: _activeStyle,
  exact: _exact,
  strict: _strict,
  isActive: _isActive,
  location: _location,
  replace: _replace,
  innerRef: _innerRef,
  component: _component,
  ...rest
}: Props): ReactNode {
  return (
    <a {...rest} href={to ?? href}>
      {children}
    </a>
  );
}
