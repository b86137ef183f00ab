// Docusaurus plugins the benchmark adds to copies of the site only (never to the
// repository's config), through a wrapper config: see writeWrapperConfig() in sites.mjs.
const fs = require('node:fs');
const path = require('node:path');

/**
 * Writes the client bundle's chunks and their modules (concatenated modules
 * flattened) to bench-stats.json in the site folder, so the bench can say which
 * packages each downloaded chunk holds, and writes source maps so a CPU profile
 * of this build can name the module each sampled function came from.
 */
function benchStatsPlugin(context) {
  return {
    name: 'bench-stats',
    configureWebpack(config, isServer) {
      if (isServer) return {};
      return {
        // Maps beside the files, not referenced from them: the served code is byte-for-byte what a
        // build without maps ships, and the CPU profile (scripts/bench/profile.mjs) reads the maps from disk.
        devtool: 'hidden-source-map',
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

module.exports = {benchStatsPlugin};
