/**
 * The chart strategies' install as GitOps objects: an Argo CD `Application`
 * and a Flux `HelmRepository` + `HelmRelease`. Each strategy hands over the
 * very values object its `helm install` step dumps (for the identity source it
 * already has, or the Secret the GitOps path uses), so the two cannot drift.
 *
 * Nothing secret goes into git: a token or an identity JSON reaches the chart
 * only through a Secret created with kubectl, named in the values.
 */
import {
  createSecretFromFileCommand,
  derivedSecretName,
  enrollCommand,
  ensureNamespaceCommand,
  jsonFile,
  jwtFile,
  removeLocalFilesCommand,
  type IdentitySource,
} from './common';
import {HELM_REPO_NAME, HELM_REPO_URL, type ChartRef} from './images';
import {script, shellQuote} from './shell';
import type {Artifact} from './types';
import {isDnsSubdomain} from './validate';
import {toYaml, toYamlDocuments} from './yaml';

/** Where Argo CD looks for Applications unless "apps in any namespace" is set up. */
export const ARGOCD_NAMESPACE = 'argocd';
/** Flux's own namespace, where its sources and the HelmRelease live; the chart goes to the release namespace. */
export const FLUX_NAMESPACE = 'flux-system';
/** Argo CD's name for the cluster it runs in. */
export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';
/** Deleting the Application then deletes what it created, as `helm uninstall` would. */
const ARGOCD_RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';
/** The key both tunneler charts read the identity JSON from unless `secret.keyName` says otherwise. */
export const TUNNELER_SECRET_KEY = 'persisted-identity';
/** The key the router chart's Deployment reads the token from (templates/deployment.yaml secretKeyRef). */
export const ROUTER_TOKEN_KEY = 'enrollmentJwt';

export const GITOPS_IDS = {
  secret: 'gitops-secret',
  argocd: 'argocd-application',
  flux: 'flux-helmrelease',
} as const;

/** One chart release, as the `helm install` step installs it. */
export interface GitopsRelease {
  readonly slug: string;
  readonly chart: ChartRef;
  readonly releaseName: string;
  readonly namespace: string;
  /** The values object; no token, no identity JSON (Secrets are referenced by name). */
  readonly values: Record<string, unknown>;
}

/** The Secret the GitOps values name: created by an earlier step or by {@link GitopsSecret.artifact}. */
export interface GitopsSecret {
  readonly name: string;
  readonly key: string;
  /** The step that creates it when the helm path does not; absent when the `secret` step already does. */
  readonly artifact?: Artifact;
}

export function argoCdApplication(release: GitopsRelease): Record<string, unknown> {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {name: release.releaseName, namespace: ARGOCD_NAMESPACE, finalizers: [ARGOCD_RESOURCES_FINALIZER]},
    spec: {
      project: 'default',
      source: {
        repoURL: HELM_REPO_URL,
        chart: release.chart.name,
        targetRevision: release.chart.version,
        // The release name fixes the chart's object names (<fullname>), which the verify step uses.
        helm: {releaseName: release.releaseName, valuesObject: release.values},
      },
      destination: {server: IN_CLUSTER_SERVER, namespace: release.namespace},
      syncPolicy: {automated: {prune: true, selfHeal: true}, syncOptions: ['CreateNamespace=true']},
    },
  };
}

export function fluxHelmRepository(): Record<string, unknown> {
  return {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'HelmRepository',
    metadata: {name: HELM_REPO_NAME, namespace: FLUX_NAMESPACE},
    spec: {interval: '1h', url: HELM_REPO_URL},
  };
}

export function fluxHelmRelease(release: GitopsRelease): Record<string, unknown> {
  return {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: {name: release.releaseName, namespace: FLUX_NAMESPACE},
    spec: {
      interval: '10m',
      // Without it Flux names the release <targetNamespace>-<name>, and the chart's objects follow.
      releaseName: release.releaseName,
      targetNamespace: release.namespace,
      // The release record sits beside the chart's objects, where `helm status --namespace` looks.
      storageNamespace: release.namespace,
      install: {createNamespace: true},
      chart: {
        spec: {
          chart: release.chart.name,
          version: release.chart.version,
          sourceRef: {kind: 'HelmRepository', name: HELM_REPO_NAME, namespace: FLUX_NAMESPACE},
        },
      },
      values: release.values,
    },
  };
}

/** The Argo CD and Flux artifacts, after the Secret step the GitOps path needs (if any). All are `alternative`. */
export function gitopsArtifacts(release: GitopsRelease, secret: GitopsSecret): Artifact[] {
  const secretWords = `Secret "${secret.name}" (key ${secret.key}) in namespace ${release.namespace}`;
  const instead = 'Instead of the values file and helm install, not as well';
  return [
    ...(secret.artifact ? [secret.artifact] : []),
    {
      id: GITOPS_IDS.argocd,
      title: 'Argo CD: an Application',
      language: 'yaml',
      fileName: `${release.slug}-argocd-application.yaml`,
      text: toYaml(argoCdApplication(release)),
      note: `${instead}: commit it to the repository Argo CD syncs (or kubectl apply -f it). It holds no token or key; the chart reads ${secretWords}, created with kubectl outside git. Argo CD renders the chart itself, so helm status and helm uninstall find no release: delete the Application to remove it.`,
      stage: 'alternative',
    },
    {
      id: GITOPS_IDS.flux,
      title: 'Flux: a HelmRepository and a HelmRelease',
      language: 'yaml',
      fileName: `${release.slug}-flux-helmrelease.yaml`,
      text: toYamlDocuments([fluxHelmRepository(), fluxHelmRelease(release)]),
      note: `${instead}: commit both to the repository Flux reconciles. They hold no token or key; the chart reads ${secretWords}, created with kubectl outside git. The release is stored in ${release.namespace}, so helm status works; delete the HelmRelease from git to remove it, since Flux reinstalls after a helm uninstall.`,
      stage: 'alternative',
    },
  ];
}

/** A Secret name that is a valid Kubernetes name and not `avoid`; `fallback` must be both. */
function secretNameFor(preferred: string, fallback: string, avoid?: string): string {
  return isDnsSubdomain(preferred) && preferred !== avoid ? preferred : fallback;
}

/**
 * The identity Secret the tunneler charts' GitOps objects mount. With an
 * existing Secret it is that one; otherwise the identity is enrolled here and
 * stored in a new Secret, because git must not hold the token or the JSON, and
 * `ziti-edge-tunnel` refuses to render a first install without one of the three
 * (templates/validation.yaml), which is every render for Argo CD.
 */
export function tunnelerGitopsSecret(opts: {
  readonly slug: string;
  readonly identitySource: IdentitySource;
  readonly identityName: string;
  readonly releaseName: string;
  readonly namespace: string;
  /** The reader's existing Secret, for `existing-secret`. */
  readonly secret?: {readonly name: string; readonly key: string};
  /** A name the chart would delete (ziti-host's migration hook Secret). */
  readonly avoid?: string;
  /** What mounting the Secret costs with this chart; ends the step's note. */
  readonly note: string;
}): GitopsSecret {
  if (opts.secret) return opts.secret;
  // Identity names may hold upper case and '_'; "-identity-secret" never ends like a "<fullname>-identity".
  const name = secretNameFor(derivedSecretName(opts.identityName), `${opts.releaseName}-identity-secret`, opts.avoid);
  const enrollHere = opts.identitySource === 'enroll-token';
  return {
    name,
    key: TUNNELER_SECRET_KEY,
    artifact: {
      id: GITOPS_IDS.secret,
      title: 'GitOps: store the enrolled identity in a Secret',
      language: 'bash',
      fileName: `${opts.slug}-gitops-secret.sh`,
      text: script([
        ...(enrollHere ? ['# The token cannot go into git: enroll it here; the JSON holds the private key.', enrollCommand(opts.identityName)] : []),
        ensureNamespaceCommand(opts.namespace),
        createSecretFromFileCommand(opts.namespace, name, TUNNELER_SECRET_KEY, jsonFile(opts.identityName)),
        '# The Secret now holds the key; remove the local copies.',
        removeLocalFilesCommand(opts.identityName, true),
      ]),
      note: `Only for Argo CD or Flux, instead of passing the ${enrollHere ? 'token' : 'identity JSON'} to Helm. ${opts.note}`,
      stage: 'alternative',
    },
  };
}

/** The enrollment-token Secret the router chart's GitOps objects name; with the Secret source, the reader's own. */
export function routerGitopsSecret(opts: {
  readonly slug: string;
  readonly identityName: string;
  readonly releaseName: string;
  readonly namespace: string;
  /** The reader's Secret, for the Secret token source. */
  readonly secretName?: string;
  /** Default name of the token Secret for this router. */
  readonly preferredName: string;
}): GitopsSecret {
  if (opts.secretName !== undefined) return {name: opts.secretName, key: ROUTER_TOKEN_KEY};
  const name = secretNameFor(opts.preferredName, `${opts.releaseName}-enrollment`);
  return {
    name,
    key: ROUTER_TOKEN_KEY,
    artifact: {
      id: GITOPS_IDS.secret,
      title: 'GitOps: store the enrollment token in a Secret',
      language: 'bash',
      fileName: `${opts.slug}-gitops-secret.sh`,
      text: script([
        ensureNamespaceCommand(opts.namespace),
        createSecretFromFileCommand(opts.namespace, name, ROUTER_TOKEN_KEY, jwtFile(opts.identityName)),
        removeLocalFilesCommand(opts.identityName, false),
      ]),
      note: 'Only for Argo CD or Flux, instead of --set-file. Keep the Secret: the router Deployment refers to it on every start, although the token is spent at enrollment and the identity then lives and renews on the PVC.',
      stage: 'alternative',
    },
  };
}

/** Clean-up lines for the Secret only the GitOps path creates; harmless when the helm path was taken. */
export function gitopsSecretCleanupLines(secret: GitopsSecret, namespace: string): string[] {
  if (!secret.artifact) return [];
  return [
    '# The Secret the Argo CD or Flux install reads, if you took that path:',
    `kubectl delete secret ${shellQuote(secret.name)} --namespace ${shellQuote(namespace)} --ignore-not-found`,
  ];
}
