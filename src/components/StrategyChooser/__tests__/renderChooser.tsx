import {render, screen} from '@testing-library/react';
import {Router} from 'react-router-dom';
import {createMemoryHistory, type MemoryHistory} from 'history';
import StrategyChooser from '../index';

export interface Rendered {
  readonly history: MemoryHistory;
  readonly chooser: HTMLElement;
}

/** The chooser under a memory router at `initialEntry`, for the chooser's component tests. */
export function renderChooser(initialEntry = '/'): Rendered {
  const history = createMemoryHistory({initialEntries: [initialEntry]});
  render(
    <Router history={history}>
      <StrategyChooser />
    </Router>,
  );
  return {history, chooser: screen.getByRole('region', {name: 'Strategy chooser'})};
}
