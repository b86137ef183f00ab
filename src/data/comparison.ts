/**
 * The strategy comparison on the overview. Direction, name, guide, privileges
 * and DNS come from the decision tree and chart versions from images.ts, so
 * they cannot drift from the chooser or the guides; the rest is written once
 * here and checked against the builders' default manifests by its tests.
 */
import {CHARTS} from '../manifests/images';
import type {PodSecurityLevel} from '../manifests/podSecurity';
import {OUTCOME_IDS, OUTCOMES, type Category, type OutcomeId} from './decisionTree';

export type ChartKey = keyof typeof CHARTS;

/** Whose identity the strategy runs: one per pod's workload, one shared by every node, or one for the cluster. */
export type IdentityScope = 'workload' | 'node' | 'cluster';

export interface StrategyProfile {
  /** Where the OpenZiti part runs. */
  readonly runsIn: string;
  /** The Helm chart it installs, or null for plain manifests. */
  readonly chart: ChartKey | null;
  /** The strictest Pod Security Standards level its default install passes. */
  readonly podSecurity: PodSecurityLevel;
  readonly identityScope: IdentityScope;
  /** Who holds the identity, in a phrase. */
  readonly identity: string;
  /** Whether the identity's certificate renews, and what that takes. */
  readonly renewal: string;
  /** How it scales and what happens when its pod goes away. */
  readonly scaling: string;
  /** When to pick something else. */
  readonly avoidWhen: string;
}

export const PROFILES = {
  'node-proxy-daemonset': {
    runsIn: 'One pod per selected node (DaemonSet) on the host network',
    chart: 'zitiEdgeTunnel',
    podSecurity: 'privileged',
    identityScope: 'node',
    identity: 'One identity shared by the tunneler on every node',
    renewal: 'Yes, on the chart’s writable volume; not when the identity comes from an existing Secret',
    scaling: 'Follows the node pool; while a node’s tunneler restarts, pods on that node lose OpenZiti names',
    avoidWhen: 'The cluster forbids privileged pods, or only some workloads on a node may reach OpenZiti services',
  },
  'transparent-proxy-sidecar': {
    runsIn: 'A sidecar container in each pod of the workload',
    chart: null,
    podSecurity: 'privileged',
    identityScope: 'workload',
    identity: 'One identity per workload, shared by its replicas',
    renewal: 'No: the Go tunneler never renews; re-enroll before the one-year certificate expires',
    scaling: 'Scales with the workload’s replicas; every pod has its own tunneler',
    avoidWhen: 'The namespace enforces the baseline or restricted Pod Security level (NET_ADMIN), or pod DNS must stay as it is',
  },
  'loopback-proxy-sidecar': {
    runsIn: 'A sidecar container in each pod of the workload',
    chart: null,
    podSecurity: 'baseline',
    identityScope: 'workload',
    identity: 'One identity per workload, shared by its replicas',
    renewal: 'No: the Go tunneler never renews; re-enroll before the one-year certificate expires',
    scaling: 'Scales with the workload’s replicas; every pod has its own tunneler',
    avoidWhen: 'The application must keep dialling the service’s own name or address, or the ports clash with its own',
  },
  'openziti-router': {
    runsIn: 'A router Deployment (one replica) in the cluster',
    chart: 'zitiRouter',
    podSecurity: 'baseline',
    identityScope: 'cluster',
    identity: 'The router’s own identity',
    renewal: 'Yes: the router renews its certificates by itself, a week before they expire, on its volume',
    scaling: 'One replica on a ReadWriteOnce volume; for more, install more routers, each with its own identity',
    avoidWhen: 'You do not run a router in the cluster and do not want one; its chart major must match the controller’s',
  },
  'nginx-proxy-module': {
    runsIn: 'Your NGINX Deployment, built with the OpenZiti module',
    chart: null,
    podSecurity: 'baseline',
    identityScope: 'cluster',
    identity: 'One identity for the NGINX Deployment, shared by its replicas',
    renewal: 'Unverified for the module’s C SDK, and a read-only Secret would not keep a renewed certificate',
    scaling: 'Replicas share the identity; NGINX forwards TCP only, to upstreams in nginx.conf',
    avoidWhen: 'You cannot run a custom NGINX image: none is official and the module has been unmaintained since 2023',
  },
  'ziti-host': {
    runsIn: 'A Deployment (one replica) in the cluster',
    chart: 'zitiHost',
    podSecurity: 'baseline',
    identityScope: 'cluster',
    identity: 'One identity for the release',
    renewal: 'Yes, on the chart’s volume; not when the identity comes from an existing Secret',
    scaling: 'One replica: the chart fixes the identity claim at ReadWriteOnce',
    avoidWhen: 'Workloads must dial out (run-host intercepts nothing), or the namespace enforces the restricted level',
  },
} as const satisfies Record<OutcomeId, StrategyProfile>;

const DIRECTION: Record<Category, string> = {
  egress: 'Egress: the workload dials OpenZiti services',
  ingress: 'Ingress: OpenZiti clients reach the cluster',
};

/** One row of the comparison table, ready to render. */
export interface ComparisonRow extends StrategyProfile {
  readonly id: OutcomeId;
  readonly title: string;
  readonly guidePath: string;
  readonly category: Category;
  readonly direction: string;
  /** `ziti-edge-tunnel chart 1.5.0` or `Plain manifests`. */
  readonly installs: string;
  readonly privileges: string;
  readonly dns: string;
}

/** What a strategy installs, named with the pinned chart version. */
export function installsLabel(chart: ChartKey | null): string {
  if (chart === null) return 'Plain manifests';
  return `Helm chart ${CHARTS[chart].name} ${CHARTS[chart].version}`;
}

/** Every strategy, in the tree's order (egress first). */
export function comparisonRows(): ComparisonRow[] {
  return OUTCOME_IDS.map((id) => {
    const outcome = OUTCOMES[id];
    const profile: StrategyProfile = PROFILES[id];
    return {
      ...profile,
      id,
      title: outcome.title,
      guidePath: outcome.guidePath,
      category: outcome.category,
      direction: DIRECTION[outcome.category],
      installs: installsLabel(profile.chart),
      privileges: outcome.needs.privileges,
      dns: outcome.needs.dns,
    };
  });
}

/**
 * The table's columns after the strategy name, in order (the Markdown twin's table has them all). `summary` columns
 * hold short values that compare at a glance and show on every row of the overview's table; the others are each
 * row's details, opened under it, so that on a desktop the table fits its column without scrolling sideways.
 */
export const COMPARISON_COLUMNS = [
  {key: 'direction', label: 'Direction', summary: true},
  {key: 'runsIn', label: 'Where it runs', summary: true},
  {key: 'installs', label: 'What it installs', summary: true},
  {key: 'privileges', label: 'Privileges', summary: false},
  {key: 'podSecurity', label: 'Pod Security level', summary: true},
  {key: 'dns', label: 'DNS changes', summary: false},
  {key: 'identity', label: 'Identity', summary: false},
  {key: 'renewal', label: 'Certificate renewal', summary: false},
  {key: 'scaling', label: 'Scaling and availability', summary: false},
  {key: 'avoidWhen', label: 'Choose another when', summary: false},
] as const satisfies readonly {key: keyof ComparisonRow; label: string; summary: boolean}[];

/** The columns every row of the overview's table shows. */
export const COMPARISON_SUMMARY = COMPARISON_COLUMNS.filter((column) => column.summary);

/** The longer columns, shown under each row's summary when the reader opens it. */
export const COMPARISON_DETAILS = COMPARISON_COLUMNS.filter((column) => !column.summary);
