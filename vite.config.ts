import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { engineVersions } from './scripts/engineVersion';

// No cross-origin-isolation headers on purpose: the wasm backend runs single-threaded
// (src/workers/backend.ts explains why), and isolation headers would stop the page from
// being embedded in other sites' slides.
export default defineConfig({
  base: './',
  // Persisted and shipped results are tied to these hashes of the engine's source (src/state/persist/version.ts).
  define: { __ENGINE_VERSIONS__: JSON.stringify(engineVersions()) },
  plugins: [
    react(),
    // Offline after the first visit (src/state/serviceWorker.ts registers it): precache everything
    // the app can load later — worker and simulation chunks, tfjs wasm, KaTeX fonts (woff2 only:
    // every browser that runs the app picks woff2 first).
    VitePWA({
      injectRegister: false,
      registerType: 'autoUpdate',
      manifest: {
        name: 'Transfer Explorable',
        short_name: 'Transfer',
        description: 'The statistical-physics theory of transfer learning, with live simulations in your browser.',
        start_url: './',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0b5cad',
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        globPatterns: ['**/*.{html,js,css,svg,wasm,woff2,webmanifest}'],
        maximumFileSizeToCacheInBytes: 12 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  worker: { format: 'es' },
  preview: { port: 4173, strictPort: true },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
});
