import type {ReactNode} from 'react';
import type {Props} from '@theme/CodeBlock';
import OriginalCodeBlock from '@theme-original/CodeBlock';
import {Prism} from 'prism-react-renderer';
import prismIncludeLanguages from '@theme/prism-include-languages';
import {Island} from './island';
import {CODE_BLOCK_ISLAND} from './names';

// In the browser this module is the only way to the highlighter, so it adds the site's extra Prism languages
// (bash, nginx) itself: the theme's client module that does it on every page is dropped there
// (src/plugins/buildTime.ts). Adding them again where that module ran too (the server) changes nothing.
prismIncludeLanguages(Prism);

/**
 * The theme's code block. Build-time: a page loaded from the server keeps the
 * highlighted markup, so the browser neither loads Prism nor tokenises the
 * code again to hydrate it (client/CodeBlock.tsx).
 */
export default function CodeBlock(props: Props): ReactNode {
  return (
    <Island name={CODE_BLOCK_ISLAND}>
      <OriginalCodeBlock {...props} />
    </Island>
  );
}
