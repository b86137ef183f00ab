#!/usr/bin/env node
// Writes the project's record of one upstream Helm chart version: its identity
// (name, version, appVersion, kubeVersion), where it came from (repository, path,
// commit) and its values tree with defaults, plus the keys its templates read that
// values.yaml does not declare, and the images its templates name literally (no
// value can change them). The builders' tests check generated Helm values against
// these files, and the "checked against" lists read the images from them, so the
// repository needs no upstream checkout at build or test time.
//
//   node scripts/chart-keys.mjs <chart folder> --commit <sha> [--repository <url>] [--path <path in repo>]
//                               [--template-only key,key.sub] [--out-dir src/manifests/charts]
//
// The chart folder needs Chart.yaml, values.yaml and templates/ (a `git archive` or a
// checkout of openziti/helm-charts at the tagged commit). Template-only keys are carried over
// from the newest existing file of the same chart unless --template-only is given.
import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {basename, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {JSON_SCHEMA, load} from 'js-yaml';

export const DEFAULT_OUT_DIR = fileURLToPath(new URL('../src/manifests/charts/', import.meta.url));
export const DEFAULT_REPOSITORY = 'https://github.com/openziti/helm-charts';

/** Plain data only: JSON_SCHEMA keeps timestamps and the like as strings, as Helm's own parser sees them. */
function loadYaml(text, file) {
  const value = load(text, {schema: JSON_SCHEMA, filename: file});
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${file} is not a YAML map`);
  return value;
}

function requiredString(meta, key, file) {
  const value = meta[key];
  if (typeof value !== 'string' || value === '') throw new Error(`${file}: "${key}" is missing or not a string`);
  return value;
}

/**
 * One `{{ if … }}`, `{{ with … }}` or `{{ range … }}` block, `{{ else }}` and `{{ end }}`
 * per match; plain expressions do not match, and comments (`{{/* … *\/}}`) are removed first.
 */
const TEMPLATE_ACTION = /\{\{-?\s*(if|with|range|else|end)\b(.*?)\s*-?\}\}/g;
const TEMPLATE_COMMENT = /\{\{-?\s*\/\*[\s\S]*?\*\/\s*-?\}\}/g;
/** `image: name` with no template expression in the value: the chart fixes it. */
const LITERAL_IMAGE = /^\s*(?:-\s+)?image:\s*(['"]?)([^\s'"{}]+)\1\s*$/;

/**
 * The images a chart's templates write literally, with where each appears: the
 * object's kind, its Helm hook (null for an ordinary object), the container and
 * whether it is an init container, and the `if` conditions around it (null when
 * it is always rendered). Images built from values are the chart's own and are
 * not listed. Reads the template text line by line, which is enough for
 * manifests laid out one key per line as the OpenZiti charts are.
 * @param {{path: string, text: string}[]} templates paths relative to the chart folder
 */
export function templateImages(templates) {
  const found = [];
  const ordered = [...templates].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const {path, text} of ordered) {
    /** Conditions of the open blocks, which may span documents; null for `with` and `range`, which only scope. */
    const open = [];
    const uncommented = text.replace(TEMPLATE_COMMENT, '');
    for (const document of uncommented.split(/^---[ \t]*$/m)) {
      const kind = /^kind:\s*(\S+)\s*$/m.exec(document)?.[1] ?? null;
      const hook = /^\s*['"]?helm\.sh\/hook['"]?:\s*['"]?([^'"\n]+?)['"]?\s*$/m.exec(document)?.[1] ?? null;
      let init = false;
      let container = null;
      for (const line of document.split('\n')) {
        const section = /^\s*(initContainers|containers):\s*$/.exec(line);
        if (section) init = section[1] === 'initContainers';
        const name = /^\s*-\s+name:\s*(\S.*?)\s*$/.exec(line);
        if (name) container = name[1];
        const image = LITERAL_IMAGE.exec(line);
        if (image?.[2]) {
          const conditions = open.filter((condition) => condition !== null);
          found.push({
            image: image[2],
            template: path,
            kind,
            hook,
            container,
            init,
            condition: conditions.length > 0 ? conditions.join(' and ') : null,
          });
        }
        for (const action of line.matchAll(TEMPLATE_ACTION)) {
          const [, keyword, rest] = action;
          if (keyword === 'end') open.pop();
          else if (keyword === 'else') {
            const last = open.pop();
            const otherwise = last === null || last === undefined ? null : `not (${last})`;
            const elseIf = /^if\s+(.*)$/.exec(rest.trim())?.[1];
            open.push(elseIf ? [otherwise, elseIf].filter(Boolean).join(' and ') : otherwise);
          } else open.push(keyword === 'if' ? rest.trim() : null);
        }
      }
    }
  }
  return found;
}

/** The template files of a chart folder, as templateImages reads them. */
export function readTemplates(folder) {
  const dir = join(folder, 'templates');
  if (!existsSync(dir)) throw new Error(`${dir} not found: pass the chart's folder (Chart.yaml, values.yaml and templates/)`);
  return readdirSync(dir)
    .filter((file) => /\.(ya?ml|tpl)$/.test(file))
    .map((file) => ({path: `templates/${file}`, text: readFileSync(join(dir, file), 'utf8')}));
}

/**
 * The file's content from the chart files' text; pure, so tests can check it.
 * @param {{chartYaml: string, valuesYaml: string, source: {repository: string, path: string, commit: string}, templateOnlyKeys: string[], templateImages: ReturnType<typeof templateImages>}} input
 */
export function chartRecord({chartYaml, valuesYaml, source, templateOnlyKeys, templateImages: images}) {
  const meta = loadYaml(chartYaml, 'Chart.yaml');
  if (!/^[0-9a-f]{40}$/.test(source.commit)) throw new Error(`--commit must be a full 40-character commit id, got ${JSON.stringify(source.commit)}`);
  return {
    name: requiredString(meta, 'name', 'Chart.yaml'),
    version: requiredString(meta, 'version', 'Chart.yaml'),
    appVersion: requiredString(meta, 'appVersion', 'Chart.yaml'),
    kubeVersion: typeof meta.kubeVersion === 'string' ? meta.kubeVersion : null,
    source,
    generatedBy: 'scripts/chart-keys.mjs',
    templateOnlyKeys: [...templateOnlyKeys].sort(),
    templateImages: images,
    values: loadYaml(valuesYaml, 'values.yaml'),
  };
}

export function recordFileName(record) {
  return `${record.name}-${record.version}.json`;
}

/** The same text every time for the same record, so a regenerated file only shows real changes in a diff. */
export function serializeRecord(record) {
  return `${JSON.stringify(record, null, 2)}\n`;
}

/** Compares dotted version strings numerically (1.10.0 > 1.9.0); enough for chart versions. */
function compareVersions(a, b) {
  const pa = a.split(/[.-]/).map((p) => Number.parseInt(p, 10) || 0);
  const pb = b.split(/[.-]/).map((p) => Number.parseInt(p, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

function previousTemplateOnlyKeys(outDir, name) {
  if (!existsSync(outDir)) return null;
  const files = readdirSync(outDir)
    .filter((file) => file.startsWith(`${name}-`) && file.endsWith('.json'))
    .map((file) => JSON.parse(readFileSync(join(outDir, file), 'utf8')))
    .filter((record) => record.name === name)
    .sort((a, b) => compareVersions(b.version, a.version));
  return files[0] ? {from: recordFileName(files[0]), keys: files[0].templateOnlyKeys} : null;
}

function main() {
  const {values, positionals} = parseArgs({
    allowPositionals: true,
    options: {
      commit: {type: 'string'},
      repository: {type: 'string', default: DEFAULT_REPOSITORY},
      path: {type: 'string'},
      'template-only': {type: 'string'},
      'out-dir': {type: 'string', default: DEFAULT_OUT_DIR},
      help: {type: 'boolean', short: 'h'},
    },
  });
  if (values.help || positionals.length !== 1 || !values.commit) {
    console.error(
      'Usage: node scripts/chart-keys.mjs <chart folder> --commit <40-char sha> [--repository <url>] [--path charts/<name>]\n' +
        '                                 [--template-only key,key.sub] [--out-dir src/manifests/charts]',
    );
    process.exit(values.help ? 0 : 2);
  }
  const folder = resolve(positionals[0]);
  const read = (file) => {
    const full = join(folder, file);
    if (!existsSync(full)) throw new Error(`${full} not found: pass the chart's folder (Chart.yaml and values.yaml)`);
    return readFileSync(full, 'utf8');
  };
  const chartYaml = read('Chart.yaml');
  const name = requiredString(loadYaml(chartYaml, 'Chart.yaml'), 'name', 'Chart.yaml');
  let templateOnlyKeys;
  if (values['template-only'] !== undefined) {
    templateOnlyKeys = values['template-only'].split(',').map((key) => key.trim()).filter(Boolean);
  } else {
    const previous = previousTemplateOnlyKeys(values['out-dir'], name);
    templateOnlyKeys = previous?.keys ?? [];
    console.log(
      previous
        ? `template-only keys carried over from ${previous.from}: ${templateOnlyKeys.join(', ') || '(none)'}; check the new templates still read them`
        : 'no earlier file for this chart and no --template-only: recording none',
    );
  }
  const record = chartRecord({
    chartYaml,
    valuesYaml: read('values.yaml'),
    source: {repository: values.repository, path: values.path ?? `charts/${basename(folder)}`, commit: values.commit},
    templateOnlyKeys,
    templateImages: templateImages(readTemplates(folder)),
  });
  const out = join(values['out-dir'], recordFileName(record));
  writeFileSync(out, serializeRecord(record));
  console.log(`wrote ${out}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
