/**
 * What the site itself needs from the chart records (scripts/chart-keys.mjs
 * writes them): the images each pinned chart's templates name literally. The
 * records are imported, not copied, so a new record changes what the guides
 * say; a test checks that each import is the record of the version images.ts pins.
 */
import {CHARTS} from '../images';
import zitiEdgeTunnel from './ziti-edge-tunnel-1.5.0.json';
import zitiHost from './ziti-host-1.4.0.json';
import zitiRouter from './ziti-router-3.0.1.json';

/** One image a chart template writes literally, so no value changes it. */
export interface TemplateImage {
  readonly image: string;
  /** Path inside the chart folder, e.g. `templates/identity-migrate-job.yaml`. */
  readonly template: string;
  /** The object's kind, e.g. `Job`. */
  readonly kind: string | null;
  /** `helm.sh/hook` of the object, e.g. `post-install,post-upgrade`; null for an ordinary object. */
  readonly hook: string | null;
  readonly container: string | null;
  /** Whether it is an init container. */
  readonly init: boolean;
  /** The template's `if` conditions around it, e.g. `not .Values.secret.existingSecretName`; null when always rendered. */
  readonly condition: string | null;
}

export interface ChartTemplates {
  readonly name: string;
  readonly version: string;
  readonly templateImages: readonly TemplateImage[];
}

type ChartKey = keyof typeof CHARTS;

export const CHART_TEMPLATES: Readonly<Record<ChartKey, ChartTemplates>> = {
  zitiEdgeTunnel,
  zitiHost,
  zitiRouter,
};
