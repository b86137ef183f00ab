import type {ReactNode} from 'react';
import Link from '@docusaurus/Link';
import useBaseUrl from '@docusaurus/useBaseUrl';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import {useThemeConfig} from '@docusaurus/theme-common';
import type {Props} from '@theme/Logo';
import SiteLogo from '@site/static/img/logo.svg';

/**
 * The navbar's logo and title, as the theme draws them, except that the logo is written into the page as SVG
 * markup instead of an `<img>` of `logo.svg` (which React also preloads). Chromium turns every SVG image into a
 * document of its own, built on the main thread (3 to 5 ms each in traces on this machine) while the page is
 * first drawn. Markup costs three elements. The logo is the same in both colour modes, so one copy
 * stands where the theme writes one image per mode.
 */
export default function Logo(props: Props): ReactNode {
  const {
    siteConfig: {title},
  } = useDocusaurusContext();
  const {
    navbar: {title: navbarTitle, logo},
  } = useThemeConfig();
  const {imageClassName, titleClassName, ...linkProps} = props;
  const logoLink = useBaseUrl(logo?.href ?? '/');
  // As the theme: a visible title makes the logo decorative unless the config names it.
  const label = logo?.alt ?? (navbarTitle ? '' : title);
  const image = logo && (
    <SiteLogo
      width={logo.width}
      height={logo.height}
      role={label ? 'img' : undefined}
      aria-label={label || undefined}
      aria-hidden={label ? undefined : true}
      focusable="false"
    />
  );
  return (
    <Link to={logoLink} {...linkProps} {...(logo?.target ? {target: logo.target} : {})}>
      {image && (imageClassName ? <div className={imageClassName}>{image}</div> : image)}
      {navbarTitle != null && <b className={titleClassName}>{navbarTitle}</b>}
    </Link>
  );
}
