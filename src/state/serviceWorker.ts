/**
 * Offline support: the service worker generated at build time (vite-plugin-pwa,
 * see vite.config.ts) precaches the app shell, every JS chunk including the
 * workers and the simulation modules, the tfjs wasm binaries and the KaTeX
 * fonts, so after one visit the page, its embeds and its simulations work
 * without a network. Not registered in development (there is no sw.js).
 */
export function registerServiceWorker() {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const go = () => void navigator.serviceWorker.register('./sw.js', { scope: './' }).catch(() => undefined);
  if (document.readyState === 'complete') go();
  else window.addEventListener('load', go, { once: true });
}
