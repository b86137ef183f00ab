import type Real from '../CheckedAgainst';
import {checkedAgainstIsland} from '../names';
import {clientIsland} from '../island';

// A type-only import of the real component: its props, none of its code.
const CheckedAgainst: typeof Real = clientIsland({
  name: checkedAgainstIsland,
  load: () => import(/* webpackChunkName: "checked-against" */ '../CheckedAgainst').then((module) => module.default),
});

export default CheckedAgainst;
