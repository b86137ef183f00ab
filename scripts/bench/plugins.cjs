// Docusaurus plugins the benchmark adds to copies of the site only (never to the
// repository's config), through a wrapper config: see writeWrapperConfig() in sites.mjs.
const fs = require('node:fs');
const path = require('node:path');

/**
 * Writes the client bundle's chunks and their modules (concatenated modules
 * flattened) to bench-stats.json in the site folder, so the bench can say which
 * packages each downloaded chunk holds.
 */
function benchStatsPlugin(context) {
  return {
    name: 'bench-stats',
    configureWebpack(config, isServer) {
      if (isServer) return {};
      return {
        plugins: [
          {
            apply(compiler) {
              compiler.hooks.done.tap('bench-stats', (stats) => {
                const json = stats.toJson({
                  all: false,
                  chunks: true,
                  chunkModules: true,
                  nestedModules: true,
                  dependentModules: true,
                  orphanModules: true,
                  ids: true,
                  chunkModulesSpace: 1e9,
                  nestedModulesSpace: 1e9,
                  modulesSpace: 1e9,
                });
                const flatten = (modules) =>
                  (modules ?? []).flatMap((m) =>
                    m.modules && m.modules.length ? flatten(m.modules) : m.nameForCondition || m.name ? [{path: m.nameForCondition ?? m.name, size: m.size}] : [],
                  );
                const chunks = json.chunks.map((chunk) => ({
                  names: chunk.names ?? [],
                  files: [...(chunk.files ?? [])].filter((file) => file.endsWith('.js')),
                  initial: chunk.initial,
                  modules: flatten(chunk.modules),
                }));
                fs.writeFileSync(path.join(context.siteDir, 'bench-stats.json'), JSON.stringify(chunks));
              });
            },
          },
        ],
      };
    },
  };
}

/**
 * The change proposed for the site (not applied to it): Docusaurus's `common`
 * split-chunks group takes every module shared by enough async chunks, and the
 * chunks Mermaid loads lazily count too, so Mermaid's parser and part of its
 * core land in `common`, which every guide page loads. Restricted to the route
 * chunks Docusaurus names, `common` keeps only code shared between pages and
 * Mermaid's shared code falls to the default vendor split, loaded with Mermaid.
 */
function commonChunkRoutesOnlyPlugin() {
  return {
    name: 'common-chunk-routes-only',
    configureWebpack(config, isServer) {
      const common = config.optimization?.splitChunks?.cacheGroups?.common;
      if (!isServer && common && typeof common === 'object') {
        common.chunks = (chunk) => Boolean(chunk.name) && !chunk.canBeInitial();
      }
      return {};
    },
  };
}

module.exports = {benchStatsPlugin, commonChunkRoutesOnlyPlugin};
