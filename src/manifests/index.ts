/**
 * Entry point of the manifest builders: one builder per decision-tree outcome,
 * plus helpers that go from a raw form record straight to artifacts.
 */
import type {OutcomeId} from '../data/decisionTree';
import {loopbackSidecar, type LoopbackSidecarInput} from './loopbackSidecar';
import {nginxModule, type NginxModuleInput} from './nginxModule';
import {nodeProxyDaemonset, type NodeProxyDaemonsetInput} from './nodeProxyDaemonset';
import {router, type RouterInput} from './router';
import {transparentSidecar, type TransparentSidecarInput} from './transparentSidecar';
import type {Artifact, BuildResult, RawInput, StrategyBuilder} from './types';
import {zitiHost, type ZitiHostInput} from './zitiHost';
import {overLimit} from '../utils/valueLimits';

/** Typed input of each strategy, by outcome id. */
export interface StrategyInputs {
  'node-proxy-daemonset': NodeProxyDaemonsetInput;
  'transparent-proxy-sidecar': TransparentSidecarInput;
  'loopback-proxy-sidecar': LoopbackSidecarInput;
  'openziti-router': RouterInput;
  'nginx-proxy-module': NginxModuleInput;
  'ziti-host': ZitiHostInput;
}

export const BUILDERS: {readonly [K in OutcomeId]: StrategyBuilder<StrategyInputs[K]>} = {
  'node-proxy-daemonset': nodeProxyDaemonset,
  'transparent-proxy-sidecar': transparentSidecar,
  'loopback-proxy-sidecar': loopbackSidecar,
  'openziti-router': router,
  'nginx-proxy-module': nginxModule,
  'ziti-host': zitiHost,
};

/** Every field's default, keyed by field name: the form's initial state. */
export function defaultRaw(id: OutcomeId): Record<string, string> {
  const builder: StrategyBuilder<unknown> = BUILDERS[id];
  return Object.fromEntries(builder.fields.map((field) => [field.name, field.defaultValue]));
}

/**
 * Parses then builds; invalid input yields its Issues and no artifacts. A value
 * over the size bounds is reported alone and nothing is parsed: checking
 * thousands of lines one by one would only bury the one message that matters.
 */
export function buildFromRaw(id: OutcomeId, raw: RawInput): BuildResult {
  const builder: StrategyBuilder<unknown> = BUILDERS[id];
  const oversized = builder.fields.flatMap((field) => {
    const value = Object.hasOwn(raw, field.name) ? raw[field.name] : undefined;
    const why = typeof value === 'string' ? overLimit(value) : undefined;
    return why === undefined ? [] : [{path: field.name, message: `This value is too large: ${why}.`}];
  });
  if (oversized.length > 0) return {ok: false, issues: oversized};
  const parsed = builder.parse(raw);
  if (!parsed.ok) return {ok: false, issues: parsed.issues};
  return {ok: true, artifacts: builder.build(parsed.value)};
}

/**
 * The default artifacts a guide shows: all of them, or those named in `only`, in
 * that order. The page and its Markdown twin both use it, so they cannot differ.
 * Defaults that fail to validate, or an unknown id, are bugs: fail the build.
 */
export function defaultArtifacts(id: OutcomeId, only?: readonly string[]): {all: readonly Artifact[]; shown: readonly Artifact[]} {
  const result = buildFromRaw(id, defaultRaw(id));
  if (!result.ok) throw new Error(`Default inputs of ${id} do not validate: ${JSON.stringify(result.issues)}`);
  const shown = only
    ? only.map((artifactId) => {
        const found = result.artifacts.find((artifact) => artifact.id === artifactId);
        if (!found) throw new Error(`${id} has no artifact "${artifactId}"`);
        return found;
      })
    : result.artifacts;
  return {all: result.artifacts, shown};
}

export type {Artifact, ArtifactLanguage, BuildResult, FieldSpec, Issue, RawInput, StrategyBuilder} from './types';
export {HELM_REPO_URL, CHARTS, IMAGES} from './images';
export {shellQuote} from './shell';
export {toYaml, toYamlDocuments} from './yaml';
