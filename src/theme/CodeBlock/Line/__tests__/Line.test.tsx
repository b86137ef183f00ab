// @vitest-environment jsdom
import {describe, expect, it} from 'vitest';
import {render as renderReact} from '@testing-library/react';
import {Highlight, Prism, type Token} from 'prism-react-renderer';
import {modeIndependentCodeTheme} from '@site/src/utils/prismThemes';
import CodeBlockLine from '..';

// The site's extra languages register themselves on the global Prism, as the theme's loader has them do.
(globalThis as {Prism?: typeof Prism}).Prism = Prism;
// @ts-expect-error prismjs ships no types, and this module only registers a grammar.
await import('prismjs/components/prism-bash.js');

const YAML = `apiVersion: v1
kind: ConfigMap   # a comment

metadata:
  name: "ziti-host"
data:
  key: |
    two  spaces  inside
`;
const BASH = `kubectl create namespace "\${NAMESPACE}" --dry-run=client -o yaml | kubectl apply -f -

helm upgrade --install ziti-host openziti/ziti-host --values values.yaml
`;

/** The block's lines as the theme would lay them out, and the tokens the highlighter found. */
function render(code: string, language: string): {readonly lines: HTMLElement[]; readonly tokens: Token[][]} {
  let tokens: Token[][] = [];
  const {container} = renderReact(
    <Highlight prism={Prism} theme={modeIndependentCodeTheme()} code={code.replace(/\n$/, '')} language={language}>
      {({tokens: found, getLineProps, getTokenProps}) => {
        tokens = found;
        return (
          <code>
            {found.map((line, index) => (
              <CodeBlockLine key={index} line={line} classNames={undefined} showLineNumbers={false} getLineProps={getLineProps} getTokenProps={getTokenProps} />
            ))}
          </code>
        );
      }}
    </Highlight>,
  );
  return {lines: Array.from(container.querySelectorAll<HTMLElement>('.token-line')), tokens};
}

describe.each([
  ['yaml', YAML],
  ['bash', BASH],
])('a %s code block line', (language, code) => {
  const {lines, tokens} = render(code, language);

  it('holds the source line as its text, blank lines included', () => {
    expect(lines.map((line) => line.textContent)).toEqual(code.replace(/\n$/, '').split('\n'));
    for (const line of lines) expect(line.lastElementChild?.tagName).toBe('BR');
  });

  it('draws a coloured span for every token but plain text and empty tokens, with the colour the theme gives it', () => {
    const coloured = tokens.flat().filter((token) => token.content !== '' && !(token.types.length === 1 && token.types[0] === 'plain'));
    const spans = lines.flatMap((line) => Array.from(line.querySelectorAll('span')));
    expect(coloured.length).toBeGreaterThan(0);
    expect(spans.map((span) => span.textContent)).toEqual(coloured.map((token) => token.content));
    expect(spans.every((span) => span.className.startsWith('token ') && span.style.color.startsWith('var(--prism-'))).toBe(true);
    expect(lines.some((line) => line.querySelector('.plain'))).toBe(false);
  });

  it('leaves no empty element and no two text nodes side by side', () => {
    for (const line of lines) {
      expect(line.getAttribute('style')).toBeNull();
      for (const child of Array.from(line.childNodes)) {
        if (child.nodeType === Node.ELEMENT_NODE && (child as Element).tagName !== 'BR') expect(child.textContent).not.toBe('');
        if (child.nodeType === Node.TEXT_NODE) expect(child.nextSibling?.nodeType).not.toBe(Node.TEXT_NODE);
      }
    }
  });
});
