import type {CSSProperties, ReactNode} from 'react';
import type {Props} from '@theme/CodeBlock';
import OriginalCodeBlock from '@theme-original/CodeBlock';
import {Prism} from 'prism-react-renderer';
import prismIncludeLanguages from '@theme/prism-include-languages';
import {Island} from './island';
import {CODE_BLOCK_ISLAND} from './names';
import styles from './island.module.css';

// In the browser this module is the only way to the highlighter, so it adds the site's extra Prism languages
// (bash, nginx) itself: the theme's client module that does it on every page is dropped there
// (src/plugins/buildTime.ts). Adding them again where that module ran too (the server) changes nothing.
prismIncludeLanguages(Prism);

/** Lines the block shows: the theme drops one final newline. */
function codeLines(code: string): number {
  return code.replace(/\n$/, '').split('\n').length;
}

/**
 * The theme's code block. Build-time: a page loaded from the server keeps the
 * highlighted markup, so the browser neither loads Prism nor tokenises the
 * code again to hydrate it (client/CodeBlock.tsx). The wrapper carries the
 * line count, which sizes the block while the browser skips rendering it
 * off screen (island.module.css).
 */
export default function CodeBlock(props: Props): ReactNode {
  const lines = typeof props.children === 'string' ? codeLines(props.children) : null;
  // The theme shows a title bar for the prop or a fence's title="…". (Its parser lives in theme-common's internal
  // module, which the component tests cannot load: it is JSX in .js files.)
  const titled = Boolean(props.title) || /\btitle=(["']).+?\1/.test(props.metastring ?? '');
  return (
    <Island name={CODE_BLOCK_ISLAND}>
      <div
        className={titled ? `${styles.codeBlock} ${styles.titled}` : styles.codeBlock}
        style={lines === null ? undefined : ({'--code-lines': lines} as CSSProperties)}>
        <OriginalCodeBlock {...props} />
      </div>
    </Island>
  );
}
