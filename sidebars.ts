import type {SidebarsConfig} from '@docusaurus/plugin-content-docs';
import {OUTCOMES, outcomesByCategory, type Category} from './src/data/decisionTree';

/** Guides are grouped as on the overview, and in the tree's order, so the sidebar cannot drift from the chart. */
function guideDocIds(category: Category): string[] {
  return outcomesByCategory(category).map((id) => OUTCOMES[id].guidePath);
}

const sidebars = {
  guides: [
    'index',
    {type: 'category', label: 'Workload egress', collapsed: false, items: guideDocIds('egress')},
    {type: 'category', label: 'Cluster ingress', collapsed: false, items: guideDocIds('ingress')},
  ],
} satisfies SidebarsConfig;

export default sidebars;
