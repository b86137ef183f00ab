import type Real from '../CodeBlock';
import {CODE_BLOCK_ISLAND} from '../names';
import {clientIsland} from '../island';
import {loadCodeBlock, loadedCodeBlock} from '../codeBlockLoader';

/**
 * Code blocks keep the build's highlighted markup through hydration; the
 * highlighter loads when a block is rendered in the browser (the reader's own
 * values, the chooser's outcome, a page reached by navigation) and, on the
 * browser's first idle moment, to give server-rendered blocks the theme's
 * copy and word-wrap buttons.
 */
const CodeBlock: typeof Real = clientIsland({
  name: () => CODE_BLOCK_ISLAND,
  load: loadCodeBlock,
  loaded: loadedCodeBlock,
  upgradeWhenIdle: true,
});

export default CodeBlock;
