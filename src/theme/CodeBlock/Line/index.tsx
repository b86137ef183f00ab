import type {ReactNode} from 'react';
import clsx from 'clsx';
import type {Props} from '@theme/CodeBlock/Line';
import type {Token} from 'prism-react-renderer';
// The theme's own classes for numbered lines and their counter: one stylesheet, whichever component draws the line.
import styles from '@docusaurus/theme-classic/lib/theme/CodeBlock/Line/styles.module.css';

/** Uncoloured text: the block's own colour already applies, so it needs no element of its own. */
const isPlain = (token: Token): boolean => token.types.length === 1 && token.types[0] === 'plain';

/**
 * The line's children: plain runs as text, joined so that no two text nodes
 * meet (the server would put a comment between them); every other token with
 * text as the theme's span with its colour.
 */
function lineChildren(line: readonly Token[], getTokenProps: Props['getTokenProps']): ReactNode[] {
  const children: ReactNode[] = [];
  let text = '';
  line.forEach((token, index) => {
    if (isPlain(token)) {
      // A line break inside a plain token is the line's end: the <br> below draws it.
      text += token.content.replace(/\n$/, '');
      return;
    }
    // An empty token draws nothing: the start of a string or block scalar whose text begins on the next line.
    if (token.content === '') return;
    if (text) children.push(text);
    text = '';
    const {children: content, ...tokenProps} = getTokenProps({token});
    children.push(
      <span key={index} {...tokenProps}>
        {content}
      </span>,
    );
  });
  if (text) children.push(text);
  return children;
}

/**
 * One line of a code block, as the theme draws it but with fewer elements:
 * about half of a guide's 1,400 highlighted spans were plain tokens or empty,
 * and the line's own colour only repeated the block's. Text,
 * copy, line numbers and highlighted lines are as the theme has them.
 */
export default function CodeBlockLine({line, classNames, showLineNumbers, getLineProps, getTokenProps}: Props): ReactNode {
  const {style: _blockColour, ...lineProps} = getLineProps({line, className: clsx(classNames, showLineNumbers && styles.codeLine)});
  const tokens = lineChildren(line, getTokenProps);
  return (
    <div {...lineProps}>
      {showLineNumbers ? (
        <>
          <span className={styles.codeLineNumber} />
          <span className={styles.codeLineContent}>{tokens}</span>
        </>
      ) : (
        tokens
      )}
      {/* Keeps an empty line one line high, as the theme's does. */}
      <br />
    </div>
  );
}
