import type {SidebarsConfig} from '@docusaurus/plugin-content-docs';
import {OUTCOMES, outcomesByCategory, type Category} from './src/data/decisionTree';

/**
 * Guides are grouped as on the overview, in the tree's order and under the
 * tree's names, so the sidebar cannot drift from the chart (a guide's own
 * sidebar_label is overridden here).
 */
function guideItems(category: Category): {type: 'doc'; id: string; label: string}[] {
  return outcomesByCategory(category).map((id) => ({type: 'doc', id: OUTCOMES[id].guidePath, label: OUTCOMES[id].title}));
}

const sidebars = {
  guides: [
    'index',
    'guides',
    {type: 'category', label: 'Workload egress', collapsed: false, items: guideItems('egress')},
    {type: 'category', label: 'Cluster ingress', collapsed: false, items: guideItems('ingress')},
  ],
} satisfies SidebarsConfig;

export default sidebars;
