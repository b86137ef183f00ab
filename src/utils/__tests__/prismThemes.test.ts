import {describe, expect, it} from 'vitest';
import {codeColorsCss, darkCodeTheme, lightCodeTheme, modeIndependentCodeTheme} from '../prismThemes';

/** The custom properties one mode's rule sets, as a map. */
function declarations(css: string, selector: string): Map<string, string> {
  const rule = css.split('\n').find((line) => line.startsWith(selector));
  if (!rule) throw new Error(`no rule for ${selector}`);
  const body = rule.slice(rule.indexOf('{') + 1, rule.lastIndexOf('}'));
  return new Map(
    body
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => [part.slice(0, part.indexOf(':')).trim(), part.slice(part.indexOf(':') + 1).trim()]),
  );
}

describe('code colours by custom property', () => {
  const theme = modeIndependentCodeTheme();
  const css = codeColorsCss();
  const modes = [
    ['light', ":root, [data-theme='light']", lightCodeTheme],
    ['dark', "[data-theme='dark']", darkCodeTheme],
  ] as const;

  it('uses no literal colour, so markup written once is right in either mode', () => {
    for (const entry of theme.styles) {
      for (const value of Object.values(entry.style)) expect(String(value)).toMatch(/^var\(--prism-[\w-]+\)$/);
    }
    expect(theme.plain.color).toBe('var(--prism-plain)');
  });

  it.each(modes)('resolves every token type to the %s theme’s own colour', (_mode, selector, original) => {
    const values = declarations(css, selector);
    expect(values.get('--prism-plain')).toBe(original.plain.color);
    expect(values.get('--prism-plain-background')).toBe(original.plain.backgroundColor);
    for (const entry of original.styles) {
      for (const type of entry.types) {
        // The last entry naming a type decides its colour, as in prism-react-renderer.
        const last = [...original.styles].reverse().find((candidate) => candidate.types.includes(type) && candidate.style.color);
        if (last?.style.color) expect(values.get(`--prism-${type}`), type).toBe(last.style.color);
      }
    }
  });
});
