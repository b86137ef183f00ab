// Which packages the JavaScript a page downloads is made of, from the stats a
// build of a copy of our site wrote (scripts/bench/plugins.cjs), with the
// Mermaid library and its dependencies singled out.
import {existsSync, readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';

/** Mermaid and everything it depends on, as installed (d3, dagre, cytoscape, katex, the Langium parser...). */
export function mermaidFamily(repo) {
  const family = new Set();
  const visit = (name, from) => {
    if (family.has(name)) return;
    const candidates = [join(from, 'node_modules', name, 'package.json'), join(repo, 'node_modules', name, 'package.json')];
    const file = candidates.find((candidate) => existsSync(candidate));
    if (!file) return;
    family.add(name);
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    for (const dependency of Object.keys(pkg.dependencies ?? {})) visit(dependency, dirname(file));
  };
  visit('mermaid', repo);
  return family;
}

function packageOf(path) {
  const matches = [...path.matchAll(/node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/g)];
  if (matches.length > 0) return matches.at(-1)[1].replace(/\\/g, '/');
  const local = path.replace(/^.*?[\\/](src|docs|\.docusaurus)[\\/]/, '$1/');
  return local.split(/[\\/]/).slice(0, 3).join('/');
}

const chunkKey = (file) => file.replace(/^.*\//, '').replace(/\.[0-9a-f]{8}\.js$/, '');

export function loadStats(siteDir) {
  const file = join(siteDir, 'bench-stats.json');
  if (!existsSync(file)) return null;
  const byKey = new Map();
  for (const chunk of JSON.parse(readFileSync(file, 'utf8'))) {
    for (const jsFile of chunk.files) byKey.set(chunkKey(jsFile), chunk);
  }
  return byKey;
}

/**
 * For each downloaded file: its modules' size before minification, the share
 * that is Mermaid or a Mermaid dependency, and the largest packages of each kind.
 */
export function attribute(stats, entries, family) {
  return entries.map((entry) => {
    const chunk = stats?.get(chunkKey(entry.file));
    if (!chunk) return {file: entry.file, gzipBytes: entry.bytes, found: false};
    const byPackage = new Map();
    for (const module of chunk.modules) {
      const name = packageOf(module.path);
      byPackage.set(name, (byPackage.get(name) ?? 0) + (module.size ?? 0));
    }
    const packages = [...byPackage].sort((a, b) => b[1] - a[1]);
    const raw = packages.reduce((n, [, size]) => n + size, 0);
    const mermaid = packages.filter(([name]) => family.has(name));
    const mermaidRaw = mermaid.reduce((n, [, size]) => n + size, 0);
    return {
      file: entry.file,
      gzipBytes: entry.bytes,
      found: true,
      rawBytes: raw,
      mermaidRawBytes: mermaidRaw,
      mermaidShare: raw ? mermaidRaw / raw : 0,
      topMermaid: mermaid.slice(0, 6).map(([name, size]) => ({name, rawBytes: size})),
      topOther: packages.filter(([name]) => !family.has(name)).slice(0, 6).map(([name, size]) => ({name, rawBytes: size})),
    };
  });
}
