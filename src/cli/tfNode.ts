/**
 * tfjs set-up for Node (tests, CLI, bench). The engine imports only
 * @tensorflow/tfjs-core; whoever runs it registers backends and gradients.
 * In Node the union package's CommonJS build does both (CPU backend + every
 * gradient) on the same tfjs-core instance; tfjs-node cannot be installed here.
 * The wasm backend also works in Node and is ~5× faster than plain-JS CPU.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs';

export async function setupTfNode(backend: 'cpu' | 'wasm' = 'cpu'): Promise<string> {
  if (backend === 'wasm') {
    await import('@tensorflow/tfjs-backend-wasm');
  }
  await tf.setBackend(backend);
  await tf.ready();
  return tf.getBackend();
}
