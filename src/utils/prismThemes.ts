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
