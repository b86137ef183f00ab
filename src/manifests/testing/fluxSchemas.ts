/**
 * The Flux objects our builders emit (gitops.ts), written down as OpenAPI v3
 * structural schemas for crdSchema.ts to check them against (tests only).
 *
 * This is our own partial schema, not a copy of Flux's CRDs. Each constraint
 * below is one the upstream CRD places on the same field; the reference for it is
 *  - HelmRelease helm.toolkit.fluxcd.io/v2: fluxcd/helm-controller v1.6.3,
 *    config/crd/bases/helm.toolkit.fluxcd.io_helmreleases.yaml;
 *  - HelmRepository source.toolkit.fluxcd.io/v1: fluxcd/source-controller v1.9.1,
 *    config/crd/bases/source.toolkit.fluxcd.io_helmrepositories.yaml.
 * Each kind's schema below names its file again; the shared pieces name both.
 *
 * Only the fields we use (or that a rule on them names) are declared, and every
 * object is closed: a key not declared here is an unknown field for crdSchema.ts.
 * So a typo in a builder fails, and so does a real Flux field nobody has looked
 * at yet; a builder that starts emitting one adds it here with its upstream
 * constraints. When the pinned Flux versions move, re-read the two files above
 * for the fields listed here.
 */
import type {CrdSchema} from './crdSchema';

/*
 * (helm-controller v1.6.3 and source-controller v1.9.1 CRDs.)
 * Flux reads its intervals with Go's time.ParseDuration, but the CRDs only let
 * through unsigned sums of ms/s/m/h units ("1m30s"); "10 minutes" or "1d" are
 * refused by the API server. HelmRelease.spec.interval, its chart template's
 * interval and HelmRepository.spec.interval all carry this pattern.
 */
const INTERVAL: CrdSchema = {type: 'string', pattern: '^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$'};

/* HelmRepository.spec.timeout (source-controller v1.9.1 CRD): the same grammar without the hour unit. */
const TIMEOUT_NO_HOURS: CrdSchema = {type: 'string', pattern: '^([0-9]+(\\.[0-9]+)?(ms|s|m))+$'};

/*
 * (helm-controller v1.6.3 CRD.) Namespaces named in a HelmRelease spec are bounded at 63, a DNS label's length, with
 * an empty string refused. Label syntax itself is not in the CRD; strictValidate's
 * gitopsProblems checks it.
 */
const NAMESPACE: CrdSchema = {type: 'string', minLength: 1, maxLength: 63};

/* (helm-controller v1.6.3 CRD.) An object name in a cross-reference may be a DNS subdomain: up to 253 characters. */
const OBJECT_NAME: CrdSchema = {type: 'string', minLength: 1, maxLength: 253};

/*
 * The top of every Flux object. metadata stays a bare object as in any CRD;
 * strictValidate skips it here and checks it as ObjectMeta. No status: a
 * manifest we hand out never sets it.
 */
function fluxObject(spec: CrdSchema): CrdSchema {
  return {
    type: 'object',
    properties: {
      apiVersion: {type: 'string'},
      kind: {type: 'string'},
      metadata: {type: 'object'},
      spec,
    },
  };
}

/**
 * HelmRelease v2, after fluxcd/helm-controller v1.6.3
 * config/crd/bases/helm.toolkit.fluxcd.io_helmreleases.yaml. gitops.ts sets interval, releaseName,
 * targetNamespace, storageNamespace, install.createNamespace, the chart template
 * (chart, version, sourceRef) and values.
 */
const HELM_RELEASE_SPEC: CrdSchema = {
  type: 'object',
  // The one field upstream requires at this level: how often the release is reconciled.
  required: ['interval'],
  properties: {
    interval: INTERVAL,
    // 53 is Helm's own limit on release names, which upstream puts in the schema.
    releaseName: {type: 'string', minLength: 1, maxLength: 53},
    targetNamespace: NAMESPACE,
    storageNamespace: NAMESPACE,
    install: {
      type: 'object',
      properties: {
        createNamespace: {type: 'boolean'},
      },
    },
    // The chart template: Flux creates a HelmChart from it in the source's namespace.
    chart: {
      type: 'object',
      required: ['spec'],
      properties: {
        spec: {
          type: 'object',
          // A template without a chart name or a source to fetch it from has nothing to build.
          required: ['chart', 'sourceRef'],
          properties: {
            // Upstream caps the chart name (or path in a Git or Bucket source) at 2048.
            chart: {type: 'string', minLength: 1, maxLength: 2048},
            // A semver range or exact version; upstream only types it (strictValidate requires an exact pin).
            version: {type: 'string'},
            interval: INTERVAL,
            sourceRef: {
              type: 'object',
              required: ['kind', 'name'],
              properties: {
                // The three source kinds a chart template can be built from.
                kind: {type: 'string', enum: ['HelmRepository', 'GitRepository', 'Bucket']},
                name: OBJECT_NAME,
                namespace: NAMESPACE,
              },
            },
          },
        },
      },
    },
    /*
     * Declared only because the rule below names it: a prebuilt chart source
     * instead of a template. Its kinds differ from sourceRef's.
     */
    chartRef: {
      type: 'object',
      required: ['kind', 'name'],
      properties: {
        kind: {type: 'string', enum: ['OCIRepository', 'HelmChart', 'ExternalArtifact']},
        name: OBJECT_NAME,
        namespace: NAMESPACE,
      },
    },
    // Helm values: any JSON, judged against the chart's keys by the tests instead.
    values: {'x-kubernetes-preserve-unknown-fields': true},
  },
  'x-kubernetes-validations': [
    // Upstream's CEL rule: a release gets its chart from exactly one of the two.
    {
      rule: '(has(self.chart) && !has(self.chartRef)) || (!has(self.chart) && has(self.chartRef))',
      message: 'either chart or chartRef must be set',
    },
  ],
};

/**
 * HelmRepository v1, after fluxcd/source-controller v1.9.1
 * config/crd/bases/source.toolkit.fluxcd.io_helmrepositories.yaml. gitops.ts sets interval and url.
 */
const HELM_REPOSITORY_SPEC: CrdSchema = {
  type: 'object',
  // Upstream requires only the URL; interval is optional there (we always set it).
  required: ['url'],
  properties: {
    // The scheme list is upstream's; our own https-only rule lives in strictValidate.
    url: {type: 'string', pattern: '^(http|https|oci)://.*$'},
    interval: INTERVAL,
    timeout: TIMEOUT_NO_HOURS,
    // An index-based repository or an OCI registry; we leave it at the default (an index over https).
    type: {type: 'string', enum: ['default', 'oci']},
  },
};

/** Keyed like strictValidate's models: `apiVersion/kind`. */
export const FLUX_SCHEMAS: Readonly<Record<string, CrdSchema>> = {
  'helm.toolkit.fluxcd.io/v2/HelmRelease': fluxObject(HELM_RELEASE_SPEC),
  'source.toolkit.fluxcd.io/v1/HelmRepository': fluxObject(HELM_REPOSITORY_SPEC),
};
