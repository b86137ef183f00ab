import type {Plugin} from '@docusaurus/types';
import {codeColorsCss} from '../utils/prismThemes';

/**
 * Puts the code colours of both modes in every page's <head>, before any
 * stylesheet loads, so highlighted markup written by the build shows the right
 * colours in dark mode without the browser highlighting it again.
 */
export default function codeColors(): Plugin {
  return {
    name: 'code-colors',
    injectHtmlTags() {
      return {headTags: [{tagName: 'style', innerHTML: codeColorsCss()}]};
    },
  };
}
