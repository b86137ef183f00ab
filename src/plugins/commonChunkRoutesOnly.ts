import type {Plugin} from '@docusaurus/types';

/**
 * Docusaurus moves every module shared by enough async chunks into one `common`
 * chunk, which every page loads. The chunks Mermaid loads lazily count as async
 * chunks too, so Mermaid's parser (Langium), part of its core and d3 land in
 * `common`, on pages without a diagram. Considering only the route chunks
 * (the ones Docusaurus names) keeps `common` to code that pages share; Mermaid's
 * shared code then falls to the default vendor split and loads with Mermaid.
 */
export default function commonChunkRoutesOnly(): Plugin {
  return {
    name: 'common-chunk-routes-only',
    configureWebpack(config, isServer) {
      const splitChunks = config.optimization?.splitChunks;
      const common = splitChunks ? splitChunks.cacheGroups?.common : undefined;
      if (!isServer && common && typeof common === 'object' && !(common instanceof RegExp)) {
        common.chunks = (chunk) => Boolean(chunk.name) && !chunk.canBeInitial();
      }
      return {};
    },
  };
}
