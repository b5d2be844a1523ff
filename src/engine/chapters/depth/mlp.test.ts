import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { makeRng } from '../../core/rng';
import {
  forward,
  freshInit,
  hiddenRepresentations,
  inputs,
  logisticGradients,
  logisticLoss,
  pick,
  testErrors,
  toTensors,
  trainBatch,
  type Dataset,
  type NetBatch,
} from './mlp';
import { runTransfer, type TransferRun } from './transfer';

// Small, fast problem (the chapter's data generator is tested in its own folder):
// a random tanh teacher network's sign on Gaussian inputs.
const shape = { N: 12, H: 10, L: 3 };

function teacherData(key: string, P: number): Dataset {
  const rng = makeRng('depth-mlp-test', 'data', key);
  const w1 = makeRng('depth-mlp-test', 'teacher').normals(shape.N * 4, 1 / Math.sqrt(shape.N));
  const X = Float32Array.from(rng.normals(P * shape.N));
  const y = new Float32Array(P);
  for (let i = 0; i < P; i++) {
    let f = 0;
    for (let h = 0; h < 4; h++) {
      let a = 0;
      for (let c = 0; c < shape.N; c++) a += X[i * shape.N + c] * w1[c * 4 + h];
      f += Math.tanh(2 * a) * (h % 2 ? -1 : 1) + 0.3 * a;
    }
    y[i] = f >= 0 ? 1 : -1;
  }
  return { X, y, P, shared: true };
}

const init = (key: string, B = 1): NetBatch => {
  const rng = makeRng('depth-mlp-test', 'init', key);
  return freshInit(shape, B, (n, s) => rng.normals(n, s));
};

const opts = { steps: 60, lr: 0.01, lambda: 1e-4 };

describe('batched tanh MLP', () => {
  it('hand-written gradients agree with tfjs autodiff of the mean logistic loss', () => {
    const net = init('grad', 2);
    const data = teacherData('grad', 30);
    const ws = toTensors(net);
    const { X, y } = inputs(data, net.B, shape.N);
    const mine = tf.tidy(() => logisticGradients(X, y, ws).map((g) => Array.from(g!.dataSync())));
    const loss = (...w: tf.Tensor[]) =>
      tf.sum(tf.mean(tf.softplus(tf.neg(tf.mul(y, forward(X, w as tf.Tensor3D[]).f))), [1, 2]));
    const auto = tf.tidy(() =>
      tf
        .grads(loss)(ws)
        .map((g) => Array.from(g.dataSync())),
    );
    tf.dispose([...ws, X, y]);
    for (let l = 0; l < mine.length; l++) {
      const scale = Math.max(...auto[l].map(Math.abs));
      // float32 arithmetic on both sides: relative agreement to 1e-4 of the largest entry.
      for (let i = 0; i < mine[l].length; i++)
        expect(Math.abs(mine[l][i] - auto[l][i])).toBeLessThan(1e-4 * scale + 1e-7);
    }
  });

  it('Adam training from scratch fits the teacher and generalises', async () => {
    const train = teacherData('train', 300);
    const test = teacherData('test', 1000);
    const before = logisticLoss(init('fit'), train)[0];
    const net = await trainBatch(init('fit'), train, { ...opts, steps: 200 });
    const after = logisticLoss(net, train)[0];
    expect(after).toBeLessThan(0.5 * before);
    // Chance is 0.5; a 12-input teacher with 300 samples is learnt to well below 0.25.
    expect(testErrors(net, test)[0]).toBeLessThan(0.25);
  });

  it('networks in a batch train independently: member i equals training it alone (bitwise)', async () => {
    const train = teacherData('indep', 40);
    const batch = init('indep', 3);
    const together = await trainBatch(batch, train, opts);
    const alone = await trainBatch(pick(batch, 1), train, opts);
    const mine = pick(together, 1);
    for (let l = 0; l < shape.L; l++) expect(mine.layers[l]).toEqual(alone.layers[l]);
    expect(mine.readout).toEqual(alone.readout);
  });

  it('keeps the tensor count flat across training, evaluation and representations', async () => {
    const before = tf.memory().numTensors;
    const train = teacherData('mem', 20);
    const net = await trainBatch(init('mem', 2), train, {
      ...opts,
      steps: 5,
      lrScale: [
        [0, 1, 1, 1],
        [1, 1, 1, 1],
      ],
    });
    testErrors(net, teacherData('mem-test', 50));
    hiddenRepresentations(net, 1, train.X, train.P);
    logisticLoss(net, train);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('transfer protocols (docs/science/depth.md (D4))', () => {
  const source = init('source');
  const fresh = init('fresh');
  const train = teacherData('t-train', 40);
  const test = teacherData('t-test', 500);
  const run: TransferRun = { protocols: ['frozen', 'finetune'], ftLrScale: 0.1 };

  it('k = 0 is training from scratch with the shared fresh draw (bitwise)', async () => {
    const res = await runTransfer(source, fresh, train, test, run, opts);
    const scratch = await trainBatch(fresh, train, opts);
    const k0 = pick(res.nets, 0);
    for (let l = 0; l < shape.L; l++) expect(k0.layers[l]).toEqual(scratch.layers[l]);
    expect(k0.readout).toEqual(scratch.readout);
    expect(res.frozen[0]).toBe(testErrors(scratch, test)[0]);
    expect(res.finetune[0]).toBe(res.frozen[0]);
  });

  it('frozen copies never move; fine-tuned copies do; fresh layers come from the one shared draw', async () => {
    const res = await runTransfer(source, fresh, train, test, run, opts);
    const L = shape.L;
    for (let k = 1; k <= L; k++) {
      const frozen = pick(res.nets, k);
      const tuned = pick(res.nets, L + k);
      for (let l = 0; l < k; l++) {
        expect(frozen.layers[l]).toEqual(source.layers[l]);
        expect(tuned.layers[l]).not.toEqual(source.layers[l]);
      }
      for (let l = k; l < L; l++) expect(frozen.layers[l]).not.toEqual(fresh.layers[l]);
    }
  });

  it('frozen k = L is a logistic readout on the source network’s last hidden layer', async () => {
    const res = await runTransfer(source, fresh, train, test, { protocols: ['frozen'], ftLrScale: 0.1 }, opts);
    const kL = pick(res.nets, shape.L);
    // Reference: float64 Adam on the convex readout problem over the source features Φ = h_L(x),
    // same initial readout, same steps, same λ — written independently of the tfjs trainer.
    const phi = hiddenRepresentations(source, 0, train.X, train.P)[shape.L - 1];
    const H = shape.H;
    const w = Float64Array.from(fresh.readout);
    const m = new Float64Array(H);
    const v = new Float64Array(H);
    for (let t = 1; t <= opts.steps; t++) {
      const g = new Float64Array(H);
      for (let i = 0; i < train.P; i++) {
        let f = 0;
        for (let j = 0; j < H; j++) f += phi[i * H + j] * w[j];
        const yi = train.y[i];
        const s = -yi / (1 + Math.exp(yi * f)) / train.P;
        for (let j = 0; j < H; j++) g[j] += s * phi[i * H + j];
      }
      for (let j = 0; j < H; j++) {
        const gj = g[j] + opts.lambda * w[j];
        m[j] = 0.9 * m[j] + 0.1 * gj;
        v[j] = 0.999 * v[j] + 0.001 * gj * gj;
        w[j] -= (opts.lr * (m[j] / (1 - 0.9 ** t))) / (Math.sqrt(v[j] / (1 - 0.999 ** t)) + 1e-8);
      }
    }
    // float32 vs float64 over 60 Adam steps of size ≤ 0.01: agreement to 2e-3 in every weight.
    for (let j = 0; j < H; j++) expect(Math.abs(kL.readout[j] - w[j])).toBeLessThan(2e-3);
    for (let l = 0; l < shape.L; l++) expect(kL.layers[l]).toEqual(source.layers[l]);
  });

  it('is reproducible: the same inputs give bit-identical errors', async () => {
    const a = await runTransfer(source, fresh, train, test, run, opts);
    const b = await runTransfer(source, fresh, train, test, run, opts);
    expect(a.frozen).toEqual(b.frozen);
    expect(a.finetune).toEqual(b.finetune);
  });
});
