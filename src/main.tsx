import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'katex/dist/katex.min.css';
import './styles.css';
import { App } from './App';
import { StoreContext } from './state/context';
import { startEffects } from './state/effects';
import { registerServiceWorker } from './state/serviceWorker';
import type { SimClient } from './state/simClient';
import { createAppStore, type AppStore } from './state/store';
import { readUrl } from './state/url';

const { state, notices, rewrite } = readUrl(window.location.search);
// A link with a renamed or repeated key is rewritten to what it now means (the notice says so).
if (rewrite !== undefined)
  window.history.replaceState(null, '', (rewrite || window.location.pathname) + window.location.hash);
const store = createAppStore(state, notices);
const sims = startEffects(store);
if (state.embed && state.view === 'chapter' && state.chapter) {
  document.documentElement.classList.add('embed');
  // Inside someone's slides every link opens a new tab: an embed never navigates its host page.
  const base = document.createElement('base');
  base.target = '_blank';
  document.head.appendChild(base);
}
registerServiceWorker();

/** `window.__explorable`: a handle for benchmarks and end-to-end tests (read-only use). */
export interface ExplorableHandle {
  store: AppStore;
  sims: SimClient;
}
(window as unknown as { __explorable: ExplorableHandle }).__explorable = { store, sims };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App sims={sims} />
    </StoreContext.Provider>
  </StrictMode>,
);
