/**
 * The Prism themes with token colours darkened (light) or lightened (dark) until
 * every token reaches WCAG AA contrast (4.5:1) on its code block background;
 * the stock github and dracula themes fall to 2.6:1 for several tokens.
 */
import {themes, type PrismTheme} from 'prism-react-renderer';

function recolor(theme: PrismTheme, replacements: Readonly<Record<string, string>>): PrismTheme {
  const swap = (color: string | undefined): string | undefined => (color ? (replacements[color] ?? color) : color);
  return {
    ...theme,
    styles: theme.styles.map((entry) => ({...entry, style: {...entry.style, color: swap(entry.style.color)}})),
  };
}

/** Against #f6f8fa. */
export const lightCodeTheme = recolor(themes.github, {
  '#e3116c': '#b0104f',
  '#00a4db': '#00698c',
  '#36acaa': '#1a6b69',
  '#999988': '#666656',
  '#d73a49': '#b31d28',
});

/** Against #282a36. */
export const darkCodeTheme = recolor(themes.dracula, {
  'rgb(98, 114, 164)': '#a3acd0',
});

type TokenStyle = PrismTheme['styles'][number]['style'];

/** The style prism-react-renderer gives a token of one type: the last entry naming the type wins. */
function styleOf(theme: PrismTheme, type: string): TokenStyle {
  return theme.styles.filter((entry) => entry.types.includes(type)).reduce<TokenStyle>((style, entry) => ({...style, ...entry.style}), {});
}

const cssName = (type: string): string => `--prism-${type.replace(/[^a-z0-9-]/gi, '-')}`;

const MODES = {light: lightCodeTheme, dark: darkCodeTheme} as const;

/**
 * One Prism theme for both colour modes whose colours are CSS custom
 * properties, set per mode by `codeColorsCss()`. The build writes every code
 * block's highlighting into the HTML, and guides keep that markup without
 * rendering it again in the browser; with literal colours it would stay in
 * the light theme's colours in dark mode.
 */
export function modeIndependentCodeTheme(): PrismTheme {
  const types = [...new Set(Object.values(MODES).flatMap((theme) => theme.styles.flatMap((entry) => entry.types)))];
  return {
    plain: {color: 'var(--prism-plain)', backgroundColor: 'var(--prism-plain-background)'},
    styles: types.map((type) => {
      const styles = Object.values(MODES).map((theme) => styleOf(theme, type));
      const style: TokenStyle = {};
      if (styles.some((s) => s.color)) style.color = `var(${cssName(type)})`;
      if (styles.some((s) => s.fontStyle)) style.fontStyle = `var(${cssName(type)}-font-style)` as TokenStyle['fontStyle'];
      if (styles.some((s) => s.opacity !== undefined)) style.opacity = `var(${cssName(type)}-opacity)` as unknown as number;
      return {types: [type], style};
    }),
  };
}

/** The custom properties `modeIndependentCodeTheme()` reads, for each colour mode (Docusaurus sets `data-theme` on <html>). */
export function codeColorsCss(): string {
  const types = modeIndependentCodeTheme().styles.flatMap((entry) => entry.types);
  return Object.entries(MODES)
    .map(([mode, theme]) => {
      const declarations = [`--prism-plain: ${theme.plain.color ?? 'inherit'}`, `--prism-plain-background: ${theme.plain.backgroundColor ?? 'transparent'}`];
      for (const type of types) {
        const style = styleOf(theme, type);
        // A type this mode leaves uncoloured keeps the block's own colour, as it would with the mode's theme.
        declarations.push(`${cssName(type)}: ${style.color ?? 'var(--prism-plain)'}`);
        declarations.push(`${cssName(type)}-font-style: ${style.fontStyle ?? 'normal'}`);
        declarations.push(`${cssName(type)}-opacity: ${style.opacity ?? 1}`);
      }
      const selector = mode === 'light' ? `:root, [data-theme='light']` : `[data-theme='dark']`;
      return `${selector} { ${declarations.join('; ')}; }`;
    })
    .join('\n');
}
