import {memo, useMemo, useState, type ReactNode} from 'react';
import clsx from 'clsx';
import {NavbarSecondaryMenuFiller, ThemeClassNames} from '@docusaurus/theme-common';
import {useNavbarMobileSidebar} from '@docusaurus/theme-common/internal';
import DocSidebarItems from '@theme/DocSidebarItems';
import type {PropSidebarItem} from '@docusaurus/plugin-content-docs';
import type {Props} from '@theme/DocSidebar/Mobile';

/** What the phone menu draws: the doc sidebar and the page it marks as current. */
interface Menu {
  readonly sidebar: readonly PropSidebarItem[];
  readonly path: string;
}

/**
 * The doc sidebar inside the navbar's phone menu; following a link (or a category page) closes the menu.
 *
 * Its items are drawn the first time the menu opens, and kept after. On a phone the closed menu is in the page from
 * hydration on, and drawing every item of the sidebar into it then was part of one unsliced update after hydration
 * (the theme fills the menu from an effect): a cost every reader paid for a menu most never open.
 */
function DocsPhoneMenu({menu}: {menu: Menu}): ReactNode {
  const phoneMenu = useNavbarMobileSidebar();
  const [opened, setOpened] = useState(phoneMenu.shown);
  if (phoneMenu.shown && !opened) setOpened(true);
  function closeAfterNavigation(item: PropSidebarItem): void {
    if (item.type === 'link' || (item.type === 'category' && item.href)) phoneMenu.toggle();
  }
  return (
    <ul className={clsx(ThemeClassNames.docs.docSidebarMenu, 'menu__list')}>
      {opened && <DocSidebarItems items={menu.sidebar} activePath={menu.path} onItemClick={closeAfterNavigation} level={1} />}
    </ul>
  );
}

/**
 * Replaces the theme's phone sidebar, which hands the filler all of its props. The filler memoizes its props by
 * sorting their keys with `localeCompare`, and the first `localeCompare` in a page starts ICU's collator: about 13 ms
 * of a phone's hydration here (54 ms under Lighthouse's 4× slowdown), inside one long task, for a sort of two keys.
 * Handing it one prop (already memoized here) skips the comparison, and so the collator.
 */
function DocSidebarMobile({sidebar, path}: Props): ReactNode {
  const menu = useMemo<Menu>(() => ({sidebar, path}), [sidebar, path]);
  return <NavbarSecondaryMenuFiller component={DocsPhoneMenu} props={{menu}} />;
}

export default memo(DocSidebarMobile);
