/**
 * tfjs set-up for Node (tests, CLI, bench). The engine imports only
 * @tensorflow/tfjs-core; whoever runs it registers backends and gradients.
 * In Node the union package's CommonJS build does both (CPU backend + every
 * gradient) on the same tfjs-core instance; tfjs-node cannot be installed here.
 * The wasm backend also works in Node and is ~5× faster than plain-JS CPU.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs';

export async function setupTfNode(backend: 'cpu' | 'wasm' = 'cpu', opts: { quiet?: boolean } = {}): Promise<string> {
  // tfjs prints its warnings (e.g. the CPU backend's "install tfjs-node" banner on first use) unless in
  // production mode; production mode only silences those warnings, it does not change any computation.
  if (opts.quiet) tf.env().set('PROD', true);
  if (backend === 'wasm') {
    await import('@tensorflow/tfjs-backend-wasm');
  }
  if (!(await tf.setBackend(backend))) throw new Error(`the tfjs ${backend} backend did not start`);
  await tf.ready();
  return tf.getBackend();
}
