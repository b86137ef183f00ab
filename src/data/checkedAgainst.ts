/**
 * "What this was checked against", per strategy. Everything version-like is
 * read from src/manifests/images.ts or from the builders' default artifacts,
 * so a version bump there changes every chooser outcome and guide at once; the
 * only thing kept here is the date the facts were last compared with upstream.
 */
import {load} from 'js-yaml';
import {OUTCOMES, type OutcomeId} from './decisionTree';
import {buildFromRaw, defaultRaw, type Artifact} from '../manifests';
import {DEMO_APP_IMAGE} from '../manifests/common';
import {CHARTS, HELM_REPO_URL, IMAGES, imageReference, type ChartRef, type ImageRef} from '../manifests/images';
import {CHART_TEMPLATES, type TemplateImage} from '../manifests/charts';

import {FACTS_CHECKED} from './factsChecked';

export {FACTS_CHECKED};

/**
 * OpenZiti's long-term-support lines, as the upstream docs label them. This is
 * a fact about upstream, not a version we pin: which line we target follows
 * from the router image pinned in images.ts.
 */
const LTS_LINES: Readonly<Record<string, string>> = {
  '2.0': 'Active LTS',
  '1.6': 'Maintenance LTS',
};

type ChartKey = keyof typeof CHARTS;
type ImageKey = keyof typeof IMAGES;

/** The image each chart runs when `image.repository` is left alone. */
const CHART_IMAGE: Readonly<Record<ChartKey, ImageKey>> = {
  zitiEdgeTunnel: 'zitiEdgeTunnel',
  zitiHost: 'zitiHost',
  zitiRouter: 'zitiRouter',
};

/** `not .Values.secret.existingSecretName` → `unless secret.existingSecretName is set`; other conditions as written. */
function conditionPhrase(condition: string): string {
  const negated = /^not \.Values\.([\w.]+)$/.exec(condition);
  if (negated) return `unless ${negated[1]} is set`;
  const plain = /^\.Values\.([\w.]+)$/.exec(condition);
  if (plain) return `when ${plain[1]} is set`;
  return `when the template’s condition ${condition} holds`;
}

/** `init container chown-identity-dir of the post-install,post-upgrade hook Job`. */
function placePhrase(entry: TemplateImage): string {
  const container = `${entry.init ? 'init container' : 'container'}${entry.container ? ` ${entry.container}` : ''}`;
  const object = `${entry.hook ? `${entry.hook} hook ` : ''}${entry.kind ?? 'object'}`;
  return `${container} of the ${object}${entry.condition ? ` (${conditionPhrase(entry.condition)})` : ''}`;
}

/**
 * Images a chart's templates name literally, with no value to change them, read
 * from the chart record (src/manifests/charts), so the list follows the chart
 * version images.ts pins: one line per image, naming every place it runs.
 */
export function chartFixedImages(key: ChartKey): {reference: string; role: string}[] {
  const byImage = new Map<string, TemplateImage[]>();
  for (const entry of CHART_TEMPLATES[key].templateImages) byImage.set(entry.image, [...(byImage.get(entry.image) ?? []), entry]);
  return [...byImage].map(([reference, entries]) => {
    const templates = [...new Set(entries.map((entry) => entry.template))].join(', ');
    const pinning = isPinned(reference) ? 'pinned by the chart' : 'not pinned, so the registry’s latest decides';
    return {reference, role: `set by the chart (${templates}), ${pinning}: ${entries.map(placePhrase).join('; ')}`};
  });
}

/** What each pinned image is, in a few words. */
const IMAGE_ROLES: Readonly<Record<ImageKey, string>> = {
  zitiEdgeTunnel: 'C tunneler, ziti-edge-tunnel run',
  zitiHost: 'C tunneler, ziti-edge-tunnel run-host as a non-root user',
  zitiTunnel: 'Go tunneler, ziti tunnel',
  zitiRouter: 'OpenZiti router',
  nginxZitiCommunity: 'community NGINX build with ngx_ziti_module, not an official image',
};

export interface CheckedImage {
  /** `repository:tag` as the cluster pulls it. */
  readonly reference: string;
  /** What runs it, and whether the version is ours, the chart's or yours to replace. */
  readonly role: string;
  /** False when the reference has no tag or digest, so the registry's `latest` decides. */
  readonly pinned: boolean;
}

export interface CheckedChart {
  readonly name: string;
  readonly version: string;
  readonly appVersion: string;
  readonly repositoryUrl: string;
  /** The chart's `kubeVersion` constraint, or null when the chart declares none. */
  readonly kubeVersion: string | null;
}

export interface CheckedAgainst {
  readonly outcome: OutcomeId;
  readonly title: string;
  /** e.g. `2.0.x`, the OpenZiti release line the pinned router and Go tunneler belong to. */
  readonly openZitiLine: string;
  /** e.g. `Active LTS`, or null for a line without long-term support. */
  readonly openZitiSupport: string | null;
  /** The Helm chart the strategy installs, or null for plain manifests. */
  readonly chart: CheckedChart | null;
  readonly images: readonly CheckedImage[];
  /** apiVersions of the Kubernetes objects the default artifacts apply themselves, sorted. */
  readonly apiVersions: readonly string[];
  /** What the default files need of Kubernetes beyond the chart's range, each with its reason; empty when nothing. */
  readonly kubernetesNeeds: readonly KubernetesNeed[];
  readonly factsChecked: string;
}

/** A Kubernetes version a default file needs, and the feature that needs it. */
export interface KubernetesNeed {
  /** e.g. `1.29`. */
  readonly minimum: string;
  readonly because: string;
}

/**
 * Features of the default files that only newer clusters have. Native sidecars (an init container with
 * `restartPolicy: Always`) were alpha behind the SidecarContainers gate in 1.28 and are on by default from 1.29
 * (kubernetes/enhancements KEP-753); an older API server rejects the field or drops it, and the tunnel would block the
 * pod's start as an ordinary init container.
 */
export function kubernetesNeedsOf(artifacts: readonly Artifact[]): KubernetesNeed[] {
  const needs: KubernetesNeed[] = [];
  const nativeSidecar = artifacts.some(
    (artifact) => artifact.language === 'yaml' && /initContainers:[\s\S]*?\n\s+restartPolicy: Always/.test(artifact.text),
  );
  if (nativeSidecar) {
    needs.push({minimum: '1.29', because: 'the tunneler runs as a native sidecar (an init container with restartPolicy: Always), on by default from Kubernetes 1.29'});
  }
  return needs;
}

/** `2.0.1` → `2.0`. */
function releaseLine(version: string): string {
  const match = /^v?(\d+)\.(\d+)\./.exec(version);
  if (!match) throw new Error(`Expected a semantic version, got ${JSON.stringify(version)}`);
  return `${match[1]}.${match[2]}`;
}

/** The OpenZiti release line we target: the one the pinned router (and so the controller) runs. */
export const OPENZITI_LINE = releaseLine(IMAGES.zitiRouter.tag);

/**
 * Every container image a set of artifacts names: `image:` values in YAML
 * (also inside here-documents of a script) and `--image` flags of
 * `kubectl run`. A chart's own image is not written in its values file unless
 * overridden, so chart images are added separately.
 */
export function imageReferencesIn(artifacts: readonly Artifact[]): string[] {
  const found: string[] = [];
  for (const artifact of artifacts) {
    for (const line of artifact.text.split('\n')) {
      const yamlImage = /^\s*(?:-\s+)?image:\s*(['"]?)([^\s'"#]+)\1\s*(?:#.*)?$/.exec(line);
      if (yamlImage?.[2]) found.push(yamlImage[2]);
      for (const flag of line.matchAll(/--image[= ](['"]?)([^\s'"]+)\1/g)) {
        if (flag[2]) found.push(flag[2]);
      }
    }
  }
  return [...new Set(found)];
}

/** Whether a reference names a tag or a digest (a port in the registry host is not a tag). */
export function isPinned(reference: string): boolean {
  if (reference.includes('@sha256:')) return true;
  const lastSegment = reference.slice(reference.lastIndexOf('/') + 1);
  return lastSegment.includes(':') && !lastSegment.endsWith(':latest');
}

/** `apiVersion:` values of the objects in the default artifacts, YAML or here-document. */
function apiVersionsIn(artifacts: readonly Artifact[]): string[] {
  const found = new Set<string>();
  for (const artifact of artifacts) {
    for (const match of artifact.text.matchAll(/^\s*apiVersion:\s*(['"]?)([^\s'"]+)\1\s*$/gm)) {
      if (match[2]) found.add(match[2]);
    }
  }
  return [...found].sort();
}

/** The chart an install script installs, found by the `helm upgrade --install RELEASE <name> --repo URL` line. */
function chartInstalledBy(artifacts: readonly Artifact[]): ChartKey | null {
  const keys = Object.keys(CHARTS) as ChartKey[];
  const installed = keys.filter((key) =>
    artifacts.some((artifact) =>
      new RegExp(`helm upgrade --install \\S+ ${CHARTS[key].name} --repo `).test(artifact.text),
    ),
  );
  if (installed.length > 1) throw new Error(`Expected at most one chart, found ${installed.join(', ')}`);
  return installed[0] ?? null;
}

/** `image.tag` from the chart values the strategy writes, or null when it leaves the chart's default. */
function valuesImageTag(artifacts: readonly Artifact[]): string | null {
  const values = artifacts.find((artifact) => artifact.id === 'helm-values');
  if (!values) return null;
  const parsed: unknown = load(values.text);
  if (typeof parsed !== 'object' || parsed === null) return null;
  const image: unknown = (parsed as Record<string, unknown>).image;
  if (typeof image !== 'object' || image === null) return null;
  const tag: unknown = (image as Record<string, unknown>).tag;
  return typeof tag === 'string' && tag !== '' ? tag : null;
}

function describeImage(reference: string): string {
  const keys = Object.keys(IMAGES) as ImageKey[];
  const key = keys.find((k) => reference === imageReference(IMAGES[k]));
  if (key) return IMAGE_ROLES[key];
  const sameRepository = keys.find((k) => reference.startsWith(`${IMAGES[k].repository}:`));
  if (sameRepository) return `${IMAGE_ROLES[sameRepository]}, at a tag other than the one pinned`;
  if (reference === DEMO_APP_IMAGE) return 'stand-in for your application; replace it with your own image';
  return isPinned(reference) ? 'used by one of the steps' : 'used by one of the steps; untagged, so the registry’s latest decides';
}

function chartDetails(ref: ChartRef): CheckedChart {
  // images.ts may or may not carry kubeVersion; charts without the field in Chart.yaml declare no constraint.
  const withKube: ChartRef & {readonly kubeVersion?: string} = ref;
  return {
    name: ref.name,
    version: ref.version,
    appVersion: ref.appVersion,
    repositoryUrl: HELM_REPO_URL,
    kubeVersion: withKube.kubeVersion ?? null,
  };
}

/** Everything the CheckedAgainst box shows for one strategy, from its default artifacts. */
export function checkedAgainst(outcome: OutcomeId): CheckedAgainst {
  const result = buildFromRaw(outcome, defaultRaw(outcome));
  if (!result.ok) {
    // A builder whose defaults do not validate is a bug the unit tests catch; say which.
    throw new Error(`${outcome}: default input is invalid: ${result.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  }
  const artifacts = result.artifacts;
  const chartKey = chartInstalledBy(artifacts);
  const images: CheckedImage[] = [];
  function add(reference: string, role: string): void {
    if (images.some((image) => image.reference === reference)) return;
    images.push({reference, role, pinned: isPinned(reference)});
  }
  if (chartKey) {
    const chartImage: ImageRef = IMAGES[CHART_IMAGE[chartKey]];
    const tag = valuesImageTag(artifacts) ?? CHARTS[chartKey].appVersion;
    const reference = imageReference(chartImage, tag);
    add(reference, describeImage(reference));
  }
  for (const reference of imageReferencesIn(artifacts)) add(reference, describeImage(reference));
  if (chartKey) for (const fixed of chartFixedImages(chartKey)) add(fixed.reference, fixed.role);
  return {
    outcome,
    title: OUTCOMES[outcome].title,
    openZitiLine: `${OPENZITI_LINE}.x`,
    openZitiSupport: LTS_LINES[OPENZITI_LINE] ?? null,
    chart: chartKey ? chartDetails(CHARTS[chartKey]) : null,
    images,
    apiVersions: apiVersionsIn(artifacts),
    kubernetesNeeds: kubernetesNeedsOf(artifacts),
    factsChecked: FACTS_CHECKED,
  };
}

/** `>= 1.20.0-0` → `1.20`; null when the constraint is not a plain lower bound. */
export function minimumKubernetes(constraint: string): string | null {
  const match = /^>=?\s*v?(\d+)\.(\d+)(?:\.\d+)?(?:-0)?$/.exec(constraint.trim());
  return match ? `${match[1]}.${match[2]}` : null;
}
