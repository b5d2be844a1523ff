import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// No cross-origin-isolation headers on purpose: the wasm backend runs single-threaded
// (src/workers/backend.ts explains why), and isolation headers would stop the page from
// being embedded in other sites' slides.
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  preview: { port: 4173, strictPort: true },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
});
