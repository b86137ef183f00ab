/**
 * Strict validation of Kubernetes objects for tests (Node-only is fine here;
 * nothing in the browser bundle imports this file).
 *
 * Three layers:
 *  1. kubernetes-models' own schema validation (`new Deployment(obj).validate()`),
 *     which checks types and required fields but accepts unknown fields.
 *  2. An unknown-field check derived from the same schemas. kubernetes-models
 *     ships its OpenAPI schemas compiled to AJV code, not as JSON, so we cannot
 *     walk `properties` directly. Instead the object is wrapped in a recording
 *     Proxy and handed to the compiled validator: AJV reads every property its
 *     schema declares (`data.foo`) on each object it visits and enumerates the
 *     keys only of free-form maps (labels, data, nodeSelector...). Any key of a
 *     visited object that the validator never read is therefore not in the
 *     schema, i.e. a field the API server would reject or silently drop.
 *  3. A few API-server rules the schemas do not encode (names, label syntax,
 *     selector/labels agreement, mount/volume references, DNS config limits).
 *
 * The Argo CD Application comes from @kubernetes-models/argo-cd, whose validators
 * are compiled the same way. The Flux kinds (HelmRepository, HelmRelease v2) are
 * checked by crdSchema.ts against our own schemas of the fields we use, with the
 * upstream CRDs' constraints (fluxSchemas.ts; the kubernetes-models Flux package
 * that knows HelmRelease v2 needs Node 22), with
 * their metadata checked by layers 1 and 2 as an ObjectMeta. Helm values are
 * free-form for both (x-kubernetes-preserve-unknown-fields); tests check them
 * against the chart's keys instead.
 *
 * Reusable by other tests, e.g. ones that validate YAML blocks of the built site:
 * `strictValidate(object)` returns problems, `assertStrictlyValid` throws.
 */
import {DaemonSet} from 'kubernetes-models/apps/v1/DaemonSet';
import {Deployment} from 'kubernetes-models/apps/v1/Deployment';
import {StatefulSet} from 'kubernetes-models/apps/v1/StatefulSet';
import {Job} from 'kubernetes-models/batch/v1/Job';
import {NetworkPolicy} from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import {ConfigMap} from 'kubernetes-models/v1/ConfigMap';
import {Namespace} from 'kubernetes-models/v1/Namespace';
import {PersistentVolumeClaim} from 'kubernetes-models/v1/PersistentVolumeClaim';
import {Secret} from 'kubernetes-models/v1/Secret';
import {Service} from 'kubernetes-models/v1/Service';
import {ServiceAccount} from 'kubernetes-models/v1/ServiceAccount';
import {Application} from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import {ObjectMeta} from '@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta';
import {isIP} from 'node:net';
import {checkSchemas, crdSchemaProblems, type CrdSchema} from './crdSchema';
import {FLUX_SCHEMAS} from './fluxSchemas';

export interface StrictProblem {
  /** JSON-pointer-like path inside the object, e.g. `/spec/template/spec/containers/0/bogus`. */
  readonly path: string;
  readonly message: string;
}

interface ModelClass {
  new (data: never): {validate(): void};
  readonly prototype: {validate(): void};
}

/** Kinds we know how to check, keyed by `apiVersion/kind`. */
const MODELS: ReadonlyMap<string, ModelClass> = new Map<string, ModelClass>([
  ['v1/ConfigMap', ConfigMap as unknown as ModelClass],
  ['v1/Secret', Secret as unknown as ModelClass],
  ['v1/Namespace', Namespace as unknown as ModelClass],
  ['v1/Service', Service as unknown as ModelClass],
  ['v1/ServiceAccount', ServiceAccount as unknown as ModelClass],
  ['v1/PersistentVolumeClaim', PersistentVolumeClaim as unknown as ModelClass],
  ['apps/v1/Deployment', Deployment as unknown as ModelClass],
  ['apps/v1/DaemonSet', DaemonSet as unknown as ModelClass],
  ['apps/v1/StatefulSet', StatefulSet as unknown as ModelClass],
  ['batch/v1/Job', Job as unknown as ModelClass],
  ['networking.k8s.io/v1/NetworkPolicy', NetworkPolicy as unknown as ModelClass],
  ['argoproj.io/v1alpha1/Application', Application as unknown as ModelClass],
]);

/** Custom resource kinds checked against a structural schema (crdSchema.ts, fluxSchemas.ts), keyed like MODELS. */
const CRDS: ReadonlyMap<string, CrdSchema> = checkSchemas(FLUX_SCHEMAS);

/**
 * Paths whose content the schema leaves free-form (preserve-unknown-fields):
 * the validator neither reads nor enumerates their keys, so the unknown-field
 * check must not judge them. Only the Helm values objects.
 */
const FREE_FORM: ReadonlyMap<string, readonly string[]> = new Map([
  ['argoproj.io/v1alpha1/Application', ['/spec/source/helm/valuesObject']],
]);

export function supportedKinds(): string[] {
  return [...MODELS.keys(), ...CRDS.keys()];
}

/** Every problem found; an empty list means the object passed all three layers. */
export function strictValidate(object: unknown): StrictProblem[] {
  if (!isRecord(object)) return [{path: '', message: 'not an object'}];
  const key = `${String(object.apiVersion)}/${String(object.kind)}`;
  const model = MODELS.get(key);
  if (model) return [...schemaProblems(model, object), ...unknownFields(model, object, FREE_FORM.get(key) ?? []), ...semanticProblems(object)];
  const crd = CRDS.get(key);
  if (crd) return [...crdSchemaProblems(crd, object, '', ['/metadata']), ...metadataProblems(object.metadata), ...semanticProblems(object)];
  return [{path: '', message: `unsupported apiVersion/kind ${key}`}];
}

/** A custom resource's metadata is ObjectMeta, which a CRD schema leaves as a bare `type: object`. */
function metadataProblems(metadata: unknown): StrictProblem[] {
  if (!isRecord(metadata)) return [{path: '/metadata', message: 'metadata is missing or not an object'}];
  const model = ObjectMeta as unknown as ModelClass;
  return [...schemaProblems(model, metadata), ...unknownFields(model, metadata, [])].map((problem) => ({...problem, path: `/metadata${problem.path}`}));
}

/** Throws with every problem listed; handy inside `expect(() => ...)`. */
export function assertStrictlyValid(object: unknown): void {
  const problems = strictValidate(object);
  if (problems.length > 0) {
    throw new Error(`invalid Kubernetes object:\n${problems.map((p) => `  ${p.path || '/'}: ${p.message}`).join('\n')}`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/* Layer 1 ------------------------------------------------------------ */

function schemaProblems(model: ModelClass, object: Record<string, unknown>): StrictProblem[] {
  try {
    new model(structuredClone(object) as never).validate();
    return [];
  } catch (error) {
    const errors = (error as {errors?: {instancePath?: string; message?: string}[]}).errors;
    if (Array.isArray(errors) && errors.length > 0) {
      return errors.map((e) => ({path: e.instancePath ?? '', message: `schema: ${e.message ?? 'invalid'}`}));
    }
    return [{path: '', message: `schema: ${(error as Error).message}`}];
  }
}

/* Layer 2 ------------------------------------------------------------ */

interface Visit {
  readonly path: string;
  readonly read: Set<string>;
  enumerated: boolean;
}

function unknownFields(model: ModelClass, object: Record<string, unknown>, freeForm: readonly string[]): StrictProblem[] {
  const visits = new Map<object, Visit>();
  const root = record(structuredClone(object), '', visits);
  try {
    model.prototype.validate.call(root);
  } catch {
    // Schema errors are reported by layer 1; here we only want the reads.
  }
  const problems: StrictProblem[] = [];
  for (const [target, visit] of visits) {
    // Arrays have no field names; maps accept any key.
    if (Array.isArray(target) || visit.enumerated) continue;
    if (freeForm.some((free) => visit.path === free || visit.path.startsWith(`${free}/`))) continue;
    for (const field of Object.keys(target)) {
      if (!visit.read.has(field)) {
        problems.push({path: `${visit.path}/${field}`, message: 'unknown field (not in the Kubernetes schema)'});
      }
    }
  }
  return problems;
}

/** Wraps `target` (and lazily its children) so reads and key enumeration are recorded. */
function record(target: unknown, path: string, visits: Map<object, Visit>): unknown {
  if (typeof target !== 'object' || target === null) return target;
  let visit = visits.get(target);
  if (!visit) {
    visit = {path, read: new Set(), enumerated: false};
    visits.set(target, visit);
  }
  const seen = visit;
  return new Proxy(target, {
    get(obj, property, receiver) {
      const value: unknown = Reflect.get(obj, property, receiver);
      if (typeof property !== 'string') return value;
      seen.read.add(property);
      return record(value, `${path}/${property}`, visits);
    },
    has(obj, property) {
      if (typeof property === 'string') seen.read.add(property);
      return Reflect.has(obj, property);
    },
    ownKeys(obj) {
      // Only free-form maps are iterated by the validator (additionalProperties).
      seen.enumerated = true;
      return Reflect.ownKeys(obj);
    },
  });
}

/* Layer 3 ------------------------------------------------------------ */

/* DNS-1123 label and subdomain, as the API server checks object names. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/* Label name part: alphanumerics with '-', '_' or '.' inside, at most 63. */
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
/* Environment variable names kubelet accepts (printable ASCII except '='). */
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
/* ConfigMap/Secret data keys. */
const DATA_KEY = /^[-._a-zA-Z0-9]+$/;

/*
 * validatePodDNSConfig with RelaxedDNSSearchValidation (on by default since 1.33):
 * "." passes, one trailing dot is trimmed, then IsDNS1123SubdomainWithUnderscore
 * (kubernetes/kubernetes pkg/apis/core/validation/validation.go).
 */
function isSearchDomain(value: unknown): boolean {
  if (value === '.') return true;
  if (typeof value !== 'string') return false;
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  return name.length > 0 && name.length <= 253 && /^_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*$/.test(name);
}

function isSubdomain(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= 253 &&
    value.split('.').every((label) => label.length <= 63 && DNS_LABEL.test(label))
  );
}

function isLabel(value: unknown, max = 63): boolean {
  return typeof value === 'string' && value.length <= max && DNS_LABEL.test(value);
}

function labelProblems(labels: unknown, path: string): StrictProblem[] {
  if (!isRecord(labels)) return [];
  const problems: StrictProblem[] = [];
  for (const [key, value] of Object.entries(labels)) {
    const slash = key.indexOf('/');
    const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
    const name = slash >= 0 ? key.slice(slash + 1) : key;
    if ((prefix !== undefined && !isSubdomain(prefix)) || name.length > 63 || !LABEL_NAME.test(name)) {
      problems.push({path: `${path}/${key}`, message: 'invalid label key'});
    }
    if (typeof value !== 'string' || (value !== '' && (value.length > 63 || !LABEL_NAME.test(value)))) {
      problems.push({path: `${path}/${key}`, message: 'invalid label value'});
    }
  }
  return problems;
}

function semanticProblems(object: Record<string, unknown>): StrictProblem[] {
  const problems: StrictProblem[] = [];
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const kind = String(object.kind);
  // Namespaces and Services need DNS labels; the rest here take subdomains.
  const nameOk = kind === 'Namespace' || kind === 'Service' ? isLabel(metadata.name) : isSubdomain(metadata.name);
  if (!nameOk) problems.push({path: '/metadata/name', message: 'missing or invalid object name'});
  if (metadata.namespace !== undefined && !isLabel(metadata.namespace)) {
    problems.push({path: '/metadata/namespace', message: 'invalid namespace'});
  }
  problems.push(...labelProblems(metadata.labels, '/metadata/labels'));

  if (kind === 'ConfigMap' || kind === 'Secret') {
    for (const section of ['data', 'binaryData', 'stringData']) {
      const data = object[section];
      if (!isRecord(data)) continue;
      for (const key of Object.keys(data)) {
        if (!DATA_KEY.test(key) || key.length > 253 || key === '.' || key === '..') {
          problems.push({path: `/${section}/${key}`, message: 'invalid data key'});
        }
      }
    }
  }

  const spec = isRecord(object.spec) ? object.spec : undefined;
  const template = spec && isRecord(spec.template) ? spec.template : undefined;
  if (template) problems.push(...workloadProblems(spec ?? {}, template));
  if (spec) problems.push(...gitopsProblems(kind, spec));
  return problems;
}

/** Helm's release name limit (helm install refuses longer names). */
const HELM_RELEASE_NAME_MAX = 53;
/* Chart versions as Helm's semver constraint parser reads an exact version. */
const SEMVER = /^v?(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/**
 * What Argo CD and the Flux controllers would refuse or misread although the
 * CRD schema lets it through: namespaces that are not DNS labels, release
 * names Helm rejects, a chart source that is not an https Helm repository.
 */
function gitopsProblems(kind: string, spec: Record<string, unknown>): StrictProblem[] {
  const problems: StrictProblem[] = [];
  const namespace = (path: string, value: unknown): void => {
    if (value !== undefined && !isLabel(value)) problems.push({path, message: 'invalid namespace'});
  };
  const releaseName = (path: string, value: unknown): void => {
    if (value !== undefined && !(isSubdomain(value) && String(value).length <= HELM_RELEASE_NAME_MAX)) {
      problems.push({path, message: 'invalid Helm release name'});
    }
  };
  const helmRepoUrl = (path: string, value: unknown): void => {
    if (typeof value !== 'string' || !/^https:\/\/[^\s/]+\/\S*$/.test(value)) problems.push({path, message: 'not an https Helm repository URL'});
  };
  if (kind === 'Application') {
    const source = isRecord(spec.source) ? spec.source : {};
    const destination = isRecord(spec.destination) ? spec.destination : {};
    helmRepoUrl('/spec/source/repoURL', source.repoURL);
    if (typeof source.chart !== 'string' || source.chart === '') problems.push({path: '/spec/source/chart', message: 'a Helm source needs a chart'});
    if (typeof source.targetRevision !== 'string' || !SEMVER.test(source.targetRevision)) {
      problems.push({path: '/spec/source/targetRevision', message: 'not a pinned chart version'});
    }
    const helm = isRecord(source.helm) ? source.helm : {};
    releaseName('/spec/source/helm/releaseName', helm.releaseName);
    if (helm.valuesObject !== undefined && !isRecord(helm.valuesObject)) problems.push({path: '/spec/source/helm/valuesObject', message: 'values must be a map'});
    if ((destination.server === undefined) === (destination.name === undefined)) {
      problems.push({path: '/spec/destination', message: 'set exactly one of server and name'});
    }
    namespace('/spec/destination/namespace', destination.namespace);
  }
  if (kind === 'HelmRepository') helmRepoUrl('/spec/url', spec.url);
  if (kind === 'HelmRelease') {
    releaseName('/spec/releaseName', spec.releaseName);
    namespace('/spec/targetNamespace', spec.targetNamespace);
    namespace('/spec/storageNamespace', spec.storageNamespace);
    const chart = isRecord(spec.chart) && isRecord(spec.chart.spec) ? spec.chart.spec : undefined;
    if (chart) {
      if (typeof chart.version !== 'string' || !SEMVER.test(chart.version)) problems.push({path: '/spec/chart/spec/version', message: 'not a pinned chart version'});
      const ref = isRecord(chart.sourceRef) ? chart.sourceRef : {};
      namespace('/spec/chart/spec/sourceRef/namespace', ref.namespace);
      if (!isSubdomain(ref.name)) problems.push({path: '/spec/chart/spec/sourceRef/name', message: 'invalid source name'});
    }
    if (spec.values !== undefined && !isRecord(spec.values)) problems.push({path: '/spec/values', message: 'values must be a map'});
  }
  return problems;
}

function workloadProblems(spec: Record<string, unknown>, template: Record<string, unknown>): StrictProblem[] {
  const problems: StrictProblem[] = [];
  const templateMeta = isRecord(template.metadata) ? template.metadata : {};
  const templateLabels = isRecord(templateMeta.labels) ? templateMeta.labels : {};
  problems.push(...labelProblems(templateMeta.labels, '/spec/template/metadata/labels'));
  const selector = isRecord(spec.selector) ? spec.selector : undefined;
  const matchLabels = selector && isRecord(selector.matchLabels) ? selector.matchLabels : undefined;
  if (matchLabels) {
    for (const [key, value] of Object.entries(matchLabels)) {
      if (templateLabels[key] !== value) {
        problems.push({path: `/spec/selector/matchLabels/${key}`, message: 'selector does not match the pod template labels'});
      }
    }
  }
  const pod = isRecord(template.spec) ? template.spec : {};
  const volumes = Array.isArray(pod.volumes) ? pod.volumes.filter(isRecord) : [];
  const volumeNames = new Set<string>();
  volumes.forEach((volume, index) => {
    const name = volume.name;
    if (!isLabel(name)) problems.push({path: `/spec/template/spec/volumes/${index}/name`, message: 'invalid volume name'});
    if (typeof name === 'string' && volumeNames.has(name)) {
      problems.push({path: `/spec/template/spec/volumes/${index}/name`, message: 'duplicate volume name'});
    }
    if (typeof name === 'string') volumeNames.add(name);
  });
  const containerNames = new Set<string>();
  for (const list of ['initContainers', 'containers']) {
    const containers = Array.isArray(pod[list]) ? (pod[list] as unknown[]).filter(isRecord) : [];
    containers.forEach((container, index) => {
      const base = `/spec/template/spec/${list}/${index}`;
      const name = container.name;
      if (!isLabel(name)) problems.push({path: `${base}/name`, message: 'invalid container name'});
      if (typeof name === 'string' && containerNames.has(name)) problems.push({path: `${base}/name`, message: 'duplicate container name'});
      if (typeof name === 'string') containerNames.add(name);
      const mounts = Array.isArray(container.volumeMounts) ? container.volumeMounts.filter(isRecord) : [];
      mounts.forEach((mount, m) => {
        if (typeof mount.name !== 'string' || !volumeNames.has(mount.name)) {
          problems.push({path: `${base}/volumeMounts/${m}/name`, message: 'volumeMount refers to no volume'});
        }
      });
      const env = Array.isArray(container.env) ? container.env.filter(isRecord) : [];
      env.forEach((variable, e) => {
        if (typeof variable.name !== 'string' || !ENV_NAME.test(variable.name)) {
          problems.push({path: `${base}/env/${e}/name`, message: 'invalid environment variable name'});
        }
      });
      const ports = Array.isArray(container.ports) ? container.ports.filter(isRecord) : [];
      const seenPorts = new Set<string>();
      ports.forEach((port, p) => {
        const number = port.containerPort;
        if (typeof number !== 'number' || !Number.isInteger(number) || number < 1 || number > 65535) {
          problems.push({path: `${base}/ports/${p}/containerPort`, message: 'port out of range'});
        }
        const id = `${String(number)}/${String(port.protocol ?? 'TCP')}`;
        if (seenPorts.has(id)) problems.push({path: `${base}/ports/${p}`, message: 'duplicate port and protocol'});
        seenPorts.add(id);
      });
    });
  }
  if (containerNames.size === 0) problems.push({path: '/spec/template/spec/containers', message: 'no containers'});
  const dnsConfig = isRecord(pod.dnsConfig) ? pod.dnsConfig : undefined;
  if (pod.dnsPolicy === 'None' && (!dnsConfig || !Array.isArray(dnsConfig.nameservers) || dnsConfig.nameservers.length === 0)) {
    problems.push({path: '/spec/template/spec/dnsConfig', message: 'dnsPolicy None needs at least one nameserver'});
  }
  if (dnsConfig) {
    const nameservers = Array.isArray(dnsConfig.nameservers) ? dnsConfig.nameservers : [];
    if (nameservers.length > 3) problems.push({path: '/spec/template/spec/dnsConfig/nameservers', message: 'more than 3 nameservers'});
    nameservers.forEach((server, index) => {
      if (typeof server !== 'string' || isIP(server) === 0) {
        problems.push({path: `/spec/template/spec/dnsConfig/nameservers/${index}`, message: 'nameserver is not an IP address'});
      }
    });
    const searches = Array.isArray(dnsConfig.searches) ? dnsConfig.searches : [];
    if (searches.length > 32) problems.push({path: '/spec/template/spec/dnsConfig/searches', message: 'more than 32 search domains'});
    searches.forEach((domain, index) => {
      if (!isSearchDomain(domain)) problems.push({path: `/spec/template/spec/dnsConfig/searches/${index}`, message: 'invalid search domain'});
    });
  }
  return problems;
}
