/**
 * `vite preview` of the built app for the browser benchmarks: started in its
 * own process group (so that stopping it also stops the server npx spawned),
 * returned once it answers.
 */
import { spawn } from 'node:child_process';

/** `outDir`: serve another build folder than dist/ (`vite build --outDir <dir>`). */
export async function startPreview(port: number, outDir?: string): Promise<{ url: string; stop: () => void }> {
  const url = `http://localhost:${port}/`;
  const server = spawn(
    'npx',
    ['vite', 'preview', '--port', String(port), '--strictPort', ...(outDir ? ['--outDir', outDir] : [])],
    { stdio: 'ignore', detached: true },
  );
  const stop = () => {
    try {
      process.kill(-server.pid!);
    } catch {
      server.kill();
    }
  };
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(url);
      return { url, stop };
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  stop();
  throw new Error(`vite preview did not answer on ${url} within 20 s (run \`npx vite build\` first?)`);
}
