import type {ReactNode} from 'react';
import type Real from '../NoScriptOutcomes';

/**
 * A browser running this has JavaScript, so the <noscript> content is never
 * shown: the element is kept (React does not look inside it when hydrating)
 * and the six outcomes are never built here.
 */
const NoScriptOutcomes: typeof Real = function NoScriptOutcomes(): ReactNode {
  return <noscript />;
};

export default NoScriptOutcomes;
