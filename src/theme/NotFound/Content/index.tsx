import type {ReactNode} from 'react';
import clsx from 'clsx';
import Link from '@docusaurus/Link';
import useBaseUrl from '@docusaurus/useBaseUrl';
import Heading from '@theme/Heading';
import type {Props} from '@theme/NotFound/Content';
import {OUTCOMES, outcomesByCategory, type Category} from '@site/src/data/decisionTree';
import {guideRoute} from '@site/src/utils/flowchart';

const CATEGORY_TITLES: Record<Category, string> = {
  egress: 'A workload reaches an OpenZiti service',
  ingress: 'OpenZiti clients reach the cluster',
};

/**
 * The theme's 404 tells a reader only that the page is missing. Readers here usually arrive from a link a colleague
 * pasted, often to a guide that was renamed: give them the ways back in (overview, guides, search) on the spot.
 */
export default function NotFoundContent({className}: Props): ReactNode {
  const searchPage = useBaseUrl('/search/');
  return (
    <main className={clsx('container margin-vert--xl', className)}>
      <div className="row">
        <div className="col col--8 col--offset-2">
          <Heading as="h1" className="hero__title">
            Page not found
          </Heading>
          <p>Nothing is published at this address. If a link brought you here, it may name a page that has moved.</p>
          <ul data-testid="not-found-links">
            <li>
              <Link to="/">The overview</Link>: the flowchart and the chooser that lead to a strategy.
            </li>
            <li>
              <Link to="/guides/">All guides</Link>, or one of them:
              {(['egress', 'ingress'] as const).map((category) => (
                <ul key={category}>
                  <li>
                    {CATEGORY_TITLES[category]}:{' '}
                    {outcomesByCategory(category).map((id, index) => (
                      <span key={id}>
                        {index > 0 && ', '}
                        <Link to={guideRoute(OUTCOMES[id].guidePath)}>{OUTCOMES[id].title}</Link>
                      </span>
                    ))}
                  </li>
                </ul>
              ))}
            </li>
          </ul>
          <form action={searchPage} method="get" role="search" aria-label="Search the guides">
            <label htmlFor="not-found-search">Search the guides </label>
            <input id="not-found-search" type="search" name="q" required />{' '}
            <button type="submit" className="button button--primary button--sm">
              Search
            </button>
          </form>
        </div>
      </div>
    </main>
  );
}
