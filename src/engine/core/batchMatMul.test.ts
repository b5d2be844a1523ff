import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { batchMatMul, splitsOnThisBackend } from './batchMatMul';

describe('batchMatMul', () => {
  it('the split (per-item 2-D) product equals the batched one for every transpose combination', () => {
    const a: tf.Tensor3D = tf.randomNormal([3, 7, 5], 0, 1, 'float32', 1);
    const aT: tf.Tensor3D = tf.randomNormal([3, 5, 7], 0, 1, 'float32', 2);
    const b: tf.Tensor3D = tf.randomNormal([3, 5, 4], 0, 1, 'float32', 3);
    const bT: tf.Tensor3D = tf.randomNormal([3, 4, 5], 0, 1, 'float32', 4);
    for (const [x, ta] of [
      [a, false],
      [aT, true],
    ] as const)
      for (const [y, tb] of [
        [b, false],
        [bT, true],
      ] as const) {
        const ref = tf.matMul(x, y, ta, tb);
        const got = batchMatMul(x, y, ta, tb, true);
        expect(got.shape).toEqual([3, 7, 4]);
        expect(tf.max(tf.abs(tf.sub(ref, got))).dataSync()[0]).toBeLessThan(1e-5);
        tf.dispose([ref, got]);
      }
    tf.dispose([a, aT, b, bT]);
  });

  it('keeps the batched op off wasm (tests run on the CPU backend)', () => {
    const a: tf.Tensor3D = tf.zeros([2, 300, 300]);
    expect(tf.getBackend()).toBe('cpu');
    expect(splitsOnThisBackend(a, a, false, true)).toBe(false);
    a.dispose();
  });
});
