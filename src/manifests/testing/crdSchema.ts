/**
 * Validation of custom resources against an OpenAPI v3 structural schema, the
 * shape a CustomResourceDefinition carries and the API server applies (tests only).
 *
 * Why not kubernetes-models here: its Flux package for helm.toolkit.fluxcd.io/v2
 * (@kubernetes-models/flux-cd 3 and 4) and everything it brings declare Node >= 22,
 * while this project supports Node 20; its last Node 20 release predates v2. So
 * the project writes down the Flux fields its builders use (fluxSchemas.ts) and
 * checks objects against them here:
 *  - types, required fields, enums, patterns, lengths, minimums and formats;
 *  - unknown fields: a key the schema does not declare is reported (the API
 *    server would prune it or, with strict field validation, refuse it), except
 *    under `x-kubernetes-preserve-unknown-fields` (the Helm values);
 *  - null where the schema is not nullable (the API server drops it);
 *  - CEL rules (`x-kubernetes-validations`), each implemented below by its text.
 * A schema keyword, format or CEL rule this file does not know throws instead of
 * being skipped, so a schema cannot be checked less strictly than it reads.
 * `metadata` is only `type: object` in a CRD; strictValidate checks it as ObjectMeta.
 */

export interface SchemaProblem {
  readonly path: string;
  readonly message: string;
}

/** An OpenAPI v3 schema node as CRDs write it (structural schema). */
export interface CrdSchema {
  readonly type?: string;
  readonly description?: string;
  readonly properties?: Readonly<Record<string, CrdSchema>>;
  readonly additionalProperties?: CrdSchema | boolean;
  readonly items?: CrdSchema;
  readonly required?: readonly string[];
  readonly enum?: readonly unknown[];
  readonly pattern?: string;
  readonly format?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly default?: unknown;
  readonly nullable?: boolean;
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean;
  readonly 'x-kubernetes-validations'?: readonly {readonly rule: string; readonly message?: string}[];
}

/** Keywords this validator applies (or, for description and default, knowingly leaves alone). */
const KNOWN_KEYWORDS = new Set([
  'type',
  'description',
  'properties',
  'additionalProperties',
  'items',
  'required',
  'enum',
  'pattern',
  'format',
  'minLength',
  'maxLength',
  'minimum',
  // Defaulting, not validation: the API server fills it in where the object leaves it out.
  'default',
  'nullable',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-validations',
]);

/* RFC 3339 date-time, as the API server's strfmt parses `format: date-time`. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Formats as Kubernetes checks them; the ranges of int32/int64 are what its JSON decoder accepts. */
const FORMATS: Readonly<Record<string, (value: unknown) => boolean>> = {
  int32: (value) => typeof value === 'number' && value >= -(2 ** 31) && value < 2 ** 31,
  int64: (value) => typeof value === 'number' && Number.isSafeInteger(value),
  'date-time': (value) => typeof value === 'string' && DATE_TIME.test(value),
};

type Self = Record<string, unknown>;

/**
 * The CEL rules the schemas may carry, keyed by their text, as the API server
 * evaluates them on the object at the rule's place (`self`). Only rules a schema
 * in fluxSchemas.ts uses are here; any other makes checkSchemas throw.
 */
const CEL_RULES: Readonly<Record<string, (self: Self) => boolean>> = {
  '(has(self.chart) && !has(self.chartRef)) || (!has(self.chart) && has(self.chartRef))': (self) => 'chart' in self !== 'chartRef' in self,
};

/**
 * The schemas keyed by `group/version/Kind` (the apiVersion/kind key), once each
 * is known to use only what this file implements.
 */
export function checkSchemas(schemas: Readonly<Record<string, CrdSchema>>): Map<string, CrdSchema> {
  const checked = new Map<string, CrdSchema>();
  for (const [key, schema] of Object.entries(schemas)) {
    checkKeywords(schema, key);
    checked.set(key, schema);
  }
  return checked;
}

/** Throws on any keyword, format or CEL rule the validator would otherwise pass over. */
function checkKeywords(schema: CrdSchema, where: string): void {
  for (const keyword of Object.keys(schema)) {
    if (!KNOWN_KEYWORDS.has(keyword)) throw new Error(`${where}: schema keyword ${keyword} is not implemented in crdSchema.ts`);
  }
  if (schema.format !== undefined && !(schema.format in FORMATS)) throw new Error(`${where}: format ${schema.format} is not implemented in crdSchema.ts`);
  for (const {rule} of schema['x-kubernetes-validations'] ?? []) {
    if (!(normalizeRule(rule) in CEL_RULES)) throw new Error(`${where}: CEL rule ${JSON.stringify(rule)} is not implemented in crdSchema.ts`);
  }
  for (const [name, child] of Object.entries(schema.properties ?? {})) checkKeywords(child, `${where}/${name}`);
  if (schema.items) checkKeywords(schema.items, `${where}[]`);
  if (typeof schema.additionalProperties === 'object') checkKeywords(schema.additionalProperties, `${where}/*`);
}

/** A long rule may be written over lines; CEL does not care about the spaces. */
function normalizeRule(rule: string): string {
  return rule.replace(/\s+/g, ' ').trim();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON pointer escaping, so a key with a slash stays one segment. */
function pointer(path: string, key: string | number): string {
  return `${path}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/**
 * Every problem of `value` against `schema`. `skip` lists paths the caller checks
 * another way (the root's metadata).
 */
export function crdSchemaProblems(schema: CrdSchema, value: unknown, path = '', skip: readonly string[] = []): SchemaProblem[] {
  if (skip.includes(path)) return [];
  if (value === null) return schema.nullable ? [] : [{path, message: 'null (the API server drops it)'}];
  const problems: SchemaProblem[] = [];
  const fail = (message: string): void => {
    problems.push({path, message});
  };
  switch (schema.type) {
    case 'object':
      if (!isRecord(value)) return [{path, message: 'must be an object'}];
      break;
    case 'array':
      if (!Array.isArray(value)) return [{path, message: 'must be an array'}];
      break;
    case 'string':
      if (typeof value !== 'string') return [{path, message: 'must be a string'}];
      break;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return [{path, message: 'must be an integer'}];
      break;
    case 'number':
      if (typeof value !== 'number') return [{path, message: 'must be a number'}];
      break;
    case 'boolean':
      if (typeof value !== 'boolean') return [{path, message: 'must be a boolean'}];
      break;
    case undefined:
      // Only where any value is allowed; a structural schema says so explicitly.
      if (!schema['x-kubernetes-preserve-unknown-fields']) throw new Error(`${path || '/'}: schema without a type`);
      break;
    default:
      throw new Error(`${path || '/'}: schema type ${schema.type} is not implemented in crdSchema.ts`);
  }
  if (schema.enum && !schema.enum.includes(value)) fail(`must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  if (typeof value === 'string') {
    // Kubernetes counts characters, not UTF-16 code units.
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength) fail(`shorter than ${schema.minLength}`);
    if (schema.maxLength !== undefined && length > schema.maxLength) fail(`longer than ${schema.maxLength}`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) fail(`does not match ${schema.pattern}`);
  }
  if (typeof value === 'number' && schema.minimum !== undefined && value < schema.minimum) fail(`less than ${schema.minimum}`);
  if (schema.format !== undefined) {
    const check = FORMATS[schema.format];
    if (!check) throw new Error(`${path || '/'}: format ${schema.format} is not implemented in crdSchema.ts`);
    if (!check(value)) fail(`not a valid ${schema.format}`);
  }
  if (Array.isArray(value) && schema.items) {
    const items = schema.items;
    value.forEach((item, index) => problems.push(...crdSchemaProblems(items, item, pointer(path, index), skip)));
  }
  if (isRecord(value)) problems.push(...objectProblems(schema, value, path, skip));
  return problems;
}

function objectProblems(schema: CrdSchema, value: Record<string, unknown>, path: string, skip: readonly string[]): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  for (const key of schema.required ?? []) {
    if (!(key in value)) problems.push({path: pointer(path, key), message: 'required field is missing'});
  }
  const free = schema['x-kubernetes-preserve-unknown-fields'] === true;
  for (const [key, child] of Object.entries(value)) {
    const property = schema.properties?.[key];
    const extra = schema.additionalProperties;
    if (property) problems.push(...crdSchemaProblems(property, child, pointer(path, key), skip));
    else if (typeof extra === 'object') problems.push(...crdSchemaProblems(extra, child, pointer(path, key), skip));
    else if (!free && extra !== true) problems.push({path: pointer(path, key), message: 'unknown field (not in the schema)'});
  }
  for (const {rule, message} of schema['x-kubernetes-validations'] ?? []) {
    const check = CEL_RULES[normalizeRule(rule)];
    if (!check) throw new Error(`${path || '/'}: CEL rule ${JSON.stringify(rule)} is not implemented in crdSchema.ts`);
    if (!check(value)) problems.push({path, message: message ?? `fails ${rule}`});
  }
  return problems;
}
