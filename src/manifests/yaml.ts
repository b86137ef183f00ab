/**
 * The single place YAML text is produced. Builders hand over plain objects whose
 * key order is the order a reader should see; nothing here sorts or rewrites.
 */
import {DEFAULT_SCHEMA, Type, dump} from 'js-yaml';

/*
 * js-yaml already quotes every string that YAML 1.1 would read as a bool, null
 * or number (`yes`, `on`, `~`, `0x10`, `1e3`, `010`, ...). Helm and kubectl
 * parse with go-yaml v2, which additionally strips '_' from numbers (`1_000`
 * is the integer 1000) and accepts floats like `+.5`. This resolver never
 * constructs anything: it only makes the dumper see those strings as
 * "would resolve to another type", so they come out quoted.
 */
function looksLikeGoYamlNumber(text: string): boolean {
  // go-yaml only tries numeric resolution for scalars starting with these.
  if (!/^[-+.0-9]/.test(text)) return false;
  const plain = text.replace(/_/g, '');
  // Integers in the forms Go's strconv.ParseInt(s, 0, 64) accepts.
  if (/^[-+]?(0b[01]+|0o[0-7]+|0x[0-9a-fA-F]+|[0-9]+)$/.test(plain)) return true;
  // go-yaml's float pattern.
  return /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain);
}

const GO_YAML_NUMBER = new Type('tag:openziti.io,2025:go-yaml-number', {
  kind: 'scalar',
  resolve: (data: unknown) => typeof data === 'string' && looksLikeGoYamlNumber(data),
});

/** DEFAULT_SCHEMA plus the go-yaml number guard; used for dumping only. */
const DUMP_SCHEMA = DEFAULT_SCHEMA.extend({implicit: [GO_YAML_NUMBER]});

/** Serializes one YAML document. Options are fixed so output never depends on input. */
export function toYaml(value: unknown): string {
  return dump(value, {lineWidth: -1, noRefs: true, sortKeys: false, schema: DUMP_SCHEMA});
}

/** Joins several objects into one multi-document stream (`kubectl apply -f` reads them all). */
export function toYamlDocuments(values: readonly unknown[]): string {
  return values.map(toYaml).join('---\n');
}
