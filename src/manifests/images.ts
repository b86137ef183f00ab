/**
 * Every container image, chart and repository the builders refer to, with the
 * pinned default version. Bump versions here only.
 */

/** The Helm repository named in the tunneler and router chart READMEs. */
export const HELM_REPO_NAME = 'openziti';
export const HELM_REPO_URL = 'https://docs.openziti.io/helm-charts/';

export interface ChartRef {
  /** Chart name inside the repository. */
  readonly name: string;
  /** Chart version we install (`--version`). */
  readonly version: string;
  /** The chart's appVersion: its default image tag. */
  readonly appVersion: string;
  /** The Kubernetes versions the chart declares (Chart.yaml `kubeVersion`), when it declares any. */
  readonly kubeVersion?: string;
}

/**
 * The newest published versions (the chart repository's index.yaml). Each has a
 * record in src/manifests/charts/<name>-<version>.json, written by
 * scripts/chart-keys.mjs, which the tests check these pins and the Helm values against.
 */
export const CHARTS = {
  zitiEdgeTunnel: {name: 'ziti-edge-tunnel', version: '1.5.0', appVersion: '1.15.1', kubeVersion: '>= 1.20.0-0'},
  zitiHost: {name: 'ziti-host', version: '1.4.0', appVersion: '1.15.1', kubeVersion: '>= 1.20.0-0'},
  zitiRouter: {name: 'ziti-router', version: '3.0.1', appVersion: '2.0.1'},
} as const satisfies Record<string, ChartRef>;

export interface ImageRef {
  /** Image name without tag, as it appears in a manifest. */
  readonly repository: string;
  /** Default tag we pin. */
  readonly tag: string;
}

export const IMAGES = {
  /** C tunneler; the ziti-edge-tunnel chart's image (`run`). */
  zitiEdgeTunnel: {repository: 'docker.io/openziti/ziti-edge-tunnel', tag: CHARTS.zitiEdgeTunnel.appVersion},
  /** C tunneler as non-root `run-host`; the ziti-host chart's image (no registry prefix there). */
  zitiHost: {repository: 'openziti/ziti-host', tag: CHARTS.zitiHost.appVersion},
  /**
   * Go tunneler (`ziti tunnel`), used by the sidecars. Upstream calls it the
   * legacy tunneler; pinned to the same ziti release as the router chart.
   */
  zitiTunnel: {repository: 'docker.io/openziti/ziti-tunnel', tag: '2.0.1'},
  /** The router chart's image. */
  zitiRouter: {repository: 'docker.io/openziti/ziti-router', tag: CHARTS.zitiRouter.appVersion},
  /**
   * Community test image of the NGINX Inc. ingress controller with
   * ngx_ziti_module in /usr/lib/nginx/modules. Personal, not official.
   */
  nginxZitiCommunity: {repository: 'docker.io/elblag91/ziti-nginx-ingress', tag: '3.0.2'},
} as const satisfies Record<string, ImageRef>;

/** `repository:tag`. */
export function imageReference(image: ImageRef, tag: string = image.tag): string {
  return `${image.repository}:${tag}`;
}
