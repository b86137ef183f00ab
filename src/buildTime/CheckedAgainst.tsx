import type {ReactNode} from 'react';
import {useId} from 'react';
import {checkedAgainst, minimumKubernetes, type CheckedAgainst as Checked} from '@site/src/data/checkedAgainst';
import type {OutcomeId} from '@site/src/data/decisionTree';
import {longDate} from '@site/src/utils/longDate';
import {Island} from './island';
import {checkedAgainstIsland} from './names';
import styles from './CheckedAgainst.module.css';

export interface CheckedAgainstProps {
  readonly outcome: OutcomeId;
  /** What was checked: "this guide" on a guide page, "these files" in the chooser. */
  readonly subject?: string;
}

function KubernetesVersions({data}: {readonly data: Checked}): ReactNode {
  const {chart, apiVersions} = data;
  const objects = apiVersions.length > 0 && (
    <>
      {chart ? ' The steps themselves apply objects of ' : 'No chart declares a range; the manifests use '}
      {apiVersions.map((version, index) => (
        <span key={version}>
          {index > 0 && ', '}
          <code>{version}</code>
        </span>
      ))}
      .
    </>
  );
  const needs = data.kubernetesNeeds.map((need) => (
    <span key={need.minimum + need.because} data-kubernetes-minimum={need.minimum}>
      {' '}
      These files need Kubernetes {need.minimum} or later: {need.because}.
    </span>
  ));
  if (!chart) {
    return (
      <>
        {objects || 'No chart declares a range.'}
        {needs}
      </>
    );
  }
  if (!chart.kubeVersion) {
    return (
      <>
        The {chart.name} chart declares no Kubernetes version range.{objects}
        {needs}
      </>
    );
  }
  const minimum = minimumKubernetes(chart.kubeVersion);
  return (
    <>
      The {chart.name} chart declares <code>kubeVersion: {chart.kubeVersion}</code>
      {minimum && <> ({minimum} or later)</>}.{objects}
      {needs}
    </>
  );
}

/**
 * The versions a strategy's guide and files were checked against, all read
 * from the pinned versions and the default artifacts (src/data/checkedAgainst.ts).
 * Build-time: the default artifacts only change with a rebuild, so a page
 * keeps the server's markup instead of running the builders again.
 */
export default function CheckedAgainst({outcome, subject = 'this guide'}: CheckedAgainstProps): ReactNode {
  const data = checkedAgainst(outcome);
  const titleId = useId();
  return (
    <Island name={checkedAgainstIsland({outcome})}>
      <div className={styles.box} data-testid="checked-against" data-outcome={outcome}>
        <p id={titleId} className={styles.title}>
          What {subject} was checked against
        </p>
        <dl className={styles.list} aria-labelledby={titleId}>
          <dt>OpenZiti</dt>
          <dd>
            {data.openZitiLine}
            {data.openZitiSupport && <> ({data.openZitiSupport})</>}: controller and routers of this release line
          </dd>
          <dt>Installed with</dt>
          <dd>
            {data.chart ? (
              <>
                Helm chart <code>{data.chart.name}</code> version <code>{data.chart.version}</code> (appVersion{' '}
                <code>{data.chart.appVersion}</code>) from <code>{data.chart.repositoryUrl}</code>
              </>
            ) : (
              'Plain manifests, no Helm chart'
            )}
          </dd>
          <dt>Images</dt>
          <dd>
            <ul className={styles.images}>
              {data.images.map((image) => (
                <li key={image.reference}>
                  <code className={styles.reference}>{image.reference}</code>: {image.role}
                </li>
              ))}
            </ul>
          </dd>
          <dt>Kubernetes</dt>
          <dd>
            <KubernetesVersions data={data} />
          </dd>
          <dt>Facts checked</dt>
          <dd>
            <time dateTime={data.factsChecked}>{longDate(data.factsChecked)}</time>, by reading the upstream charts, image
            sources and OpenZiti source code at the pinned versions; the files were not run on a cluster for this check
          </dd>
        </dl>
      </div>
    </Island>
  );
}
