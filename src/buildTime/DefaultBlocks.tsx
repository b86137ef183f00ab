import type {ReactNode} from 'react';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import type {OutcomeId} from '@site/src/data/decisionTree';
import {defaultArtifacts, defaultRaw} from '@site/src/manifests';
import {publishedPathFromOrigin} from '@site/src/manifests/published';
import ArtifactBlocks from '@site/src/components/ArtifactBlocks';
import {Island} from './island';
import {defaultBlocksIsland} from './names';

export interface DefaultBlocksProps {
  readonly strategy: OutcomeId;
  /** Artifact ids to show, in this order; all of them when omitted. */
  readonly only?: readonly string[];
  readonly headingLevel: 3 | 4 | 5;
  /** Show Copy all and Download bundle above these blocks; by default with the blocks that hold the first step. */
  readonly outcomeActions?: boolean;
}

/**
 * The origin apply commands name: the published SITE_URL, or else the one the browser loaded the page from. The
 * build (no window) without a SITE_URL prints a placeholder the browser fills in, never the dev server's address.
 */
function publicOrigin(siteUrl: unknown): string | null {
  if (typeof siteUrl === 'string' && siteUrl !== '') return siteUrl.replace(/\/+$/, '');
  return typeof window === 'undefined' ? null : window.location.origin;
}

/**
 * A guide's files built from the defaults. They only change when the site is
 * rebuilt, so they are rendered once, by the build, highlighting included; the
 * browser keeps that markup and wires its buttons (client/DefaultBlocks.tsx).
 * The same defaults are published as files (the staticManifests plugin), and
 * each block links to its own.
 */
export default function DefaultBlocks({strategy, only, headingLevel, outcomeActions}: DefaultBlocksProps): ReactNode {
  const {siteConfig} = useDocusaurusContext();
  const values = defaultRaw(strategy);
  const {all, shown: artifacts} = defaultArtifacts(strategy, only);
  const first = all[0];
  return (
    <Island name={defaultBlocksIsland({strategy, only})}>
      <ArtifactBlocks
        artifacts={artifacts}
        headingLevel={headingLevel}
        actions={false}
        source={{outcome: strategy, values, artifacts: all}}
        outcomeActions={outcomeActions ?? (first !== undefined && artifacts.includes(first))}
        published={{origin: publicOrigin(siteConfig.customFields?.siteUrl), path: (fileName) => publishedPathFromOrigin(siteConfig.baseUrl, strategy, fileName)}}
      />
    </Island>
  );
}
