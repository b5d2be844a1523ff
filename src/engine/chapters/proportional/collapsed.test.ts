import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTfNode } from '../../../cli/tfNode';
import { makeRng } from '../../core/rng';
import { choleskyInPlace, cholInverse } from '../../core/dense';
import { summarize } from '../../core/stats';
import { collapsedEval, posteriorInverse, readoutPosterior } from './collapsed';
import { toyChainSpec } from '../../../../test/chainSpec';
import { runChains, type ChainSpec } from './langevin';

const hooks = { checkpoint: async () => {}, progress: () => {} };

describe('collapsed posterior of the first layer', () => {
  beforeAll(async () => {
    await setupTfNode('wasm');
  });
  afterAll(async () => {
    await setupTfNode('cpu');
  });

  it('factorises Π as the dense Cholesky does, and U is |y|²/2T − ½bᵀm + ½ log det Π', () => {
    const r = makeRng('collapsed-chol');
    const [n, P, T, lam1] = [13, 9, 0.05, 0.7];
    const Phi = r.normals(P * n);
    const y = r.normals(P);
    const ptp = new Float64Array(n * n);
    const pty = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) for (let m = 0; m < P; m++) ptp[i * n + j] += Phi[m * n + i] * Phi[m * n + j];
      for (let m = 0; m < P; m++) pty[i] += Phi[m * n + i] * y[m];
    }
    const q = readoutPosterior(ptp, pty, n, T, lam1)!;
    const L = Float64Array.from(ptp, (x, k) => x / (T * n) + (k % (n + 1) === 0 ? lam1 : 0));
    choleskyInPlace(L, n);
    const inv = cholInverse(L, n);
    const qInv = posteriorInverse(q, n);
    for (let k = 0; k < n * n; k++) expect(qInv[k]).toBeCloseTo(inv[k], 10);
    let logdet = 0;
    for (let i = 0; i < n; i++) logdet += 2 * Math.log(L[i * n + i]);
    const b = Array.from(pty, (x) => x / (T * Math.sqrt(n)));
    let bm = 0;
    let rr = 0;
    for (let i = 0; i < n; i++) bm += b[i] * q.m[i];
    for (let m = 0; m < P; m++) {
      let f = 0;
      for (let i = 0; i < n; i++) f += (Phi[m * n + i] * q.m[i]) / Math.sqrt(n);
      rr += (y[m] - f) ** 2;
    }
    const yy = y.reduce((s, x) => s + x * x, 0);
    // The minimum form (what the sampler uses) equals the marginal-likelihood form.
    expect(rr / (2 * T) + q.partial).toBeCloseTo(yy / (2 * T) - bm / 2 + logdet / 2, 8);
    // A matrix that is not positive definite is refused.
    expect(readoutPosterior(new Float64Array(n * n), pty, n, T, -1)).toBeNull();
  });

  it('its gradient is the derivative of U (finite differences, float32 tensors)', async () => {
    const r = makeRng('collapsed-grad');
    const [P, N0, N1, S, T] = [12, 5, 4, 2, 0.5];
    const X = tf.tensor2d(Float32Array.from(r.normals(P * N0)), [P, N0]);
    const data = {
      Xs: tf.mul<tf.Tensor2D>(X, 1 / Math.sqrt(N0)),
      Xt: tf.transpose<tf.Tensor2D>(X),
      yCol: tf.tensor2d(Float32Array.from(r.normals(P)), [P, 1]),
      P,
      N0,
      N1,
      S,
      T,
      lam1: 1,
    };
    const w = Float32Array.from(r.normals(N0 * S * N1));
    const at = async (v: Float32Array) => {
      const W = tf.tensor2d(v, [N0, S * N1]);
      const ev = await collapsedEval(data, W);
      const g = (await ev.G.data()) as Float32Array;
      tf.dispose([W, ev.G]);
      return { U: ev.U, g };
    };
    const base = await at(w);
    const h = 1e-2;
    for (const k of [0, 7, 13, 21, 30, 39]) {
      const c = k % (S * N1) >= N1 ? 1 : 0; // column k % (S·N1) belongs to chain ⌊·/N1⌋
      const plus = Float32Array.from(w);
      const minus = Float32Array.from(w);
      plus[k] += h;
      minus[k] -= h;
      const fd = ((await at(plus)).U[c] - (await at(minus)).U[c]) / (2 * h);
      expect(base.g[k]).toBeCloseTo(fd, 2);
    }
    tf.dispose([X, data.Xs, data.Xt, data.yCol]);
  });

  it('samples the exact posterior: one hidden unit, one input, against quadrature of p(w)', async () => {
    // N0 = N1 = 1: p(w) ∝ exp(−U(w) − (λ0/2)w²) is one-dimensional; E[w²] and the mean of the Rao–Blackwellised
    // test loss e(w), by quadrature, against many short chains (each started at a prior draw). p(w) is even (erf
    // is odd, v re-signs) with two modes that a chain does not cross (Φ = 0 at w = 0 is a barrier of |y|²/2T), so
    // the statistics are even ones, which every chain sees whichever mode it sits in.
    const r = makeRng('collapsed-exact');
    const [P, T, lam0, lam1, Pte] = [6, 0.2, 1, 1, 5];
    const X = Float32Array.from(r.normals(P));
    const y = Float32Array.from(X, (x) => Math.tanh(1.5 * x) + 0.1 * r.normals(1)[0]);
    const Xte = Float32Array.from(r.normals(Pte));
    const yte = Float32Array.from(Xte, (x) => Math.tanh(1.5 * x));
    let Z = 0;
    let mw2 = 0;
    let me = 0;
    for (let w = -8; w <= 8; w += 1e-3) {
      const phi = Array.from(X, (x) => erf(x * w));
      const Pi = phi.reduce((s, f) => s + f * f, 0) / T + lam1;
      const m = phi.reduce((s, f, i) => s + f * y[i], 0) / T / Pi;
      const rr = phi.reduce((s, f, i) => s + (y[i] - f * m) ** 2, 0);
      const U = rr / (2 * T) + (lam1 * m * m) / 2 + Math.log(Pi) / 2;
      const p = Math.exp(-U - (lam0 / 2) * w * w);
      const e = Array.from(Xte, (x, q) => (yte[q] - erf(x * w) * m) ** 2 + erf(x * w) ** 2 / Pi);
      Z += p;
      mw2 += p * w * w;
      me += (p * e.reduce((s, v) => s + v, 0)) / Pte;
    }
    const chains = 48;
    const spec: ChainSpec = {
      X,
      y,
      P,
      N0: 1,
      N1: 1,
      T,
      lam0,
      lam1,
      gamma: 0,
      Ws: null,
      eta: 0.05,
      burn: 100,
      samples: 20,
      every: 10,
      Xte,
      yte,
      Pte,
    };
    const W0s = Array.from({ length: chains }, (_, c) => Float32Array.from(makeRng('w0', c).normals(1)));
    const res = await runChains(
      spec,
      W0s,
      W0s.map((_, c) => makeRng('exact-chain', c)),
      hooks,
    );
    const egs = summarize(res.map((q) => q.eg));
    const finals = summarize(res.map((q) => q.W[0] ** 2));
    expect(Math.abs(egs.mean - me / Z)).toBeLessThan(4 * egs.err);
    expect(Math.abs(finals.mean - mw2 / Z)).toBeLessThan(4 * finals.err);
    expect(res.every((q) => q.accept > 0.3)).toBe(true);
  }, 120_000);
});

/** erf to 1e-7 (Abramowitz–Stegun 7.1.26 is too coarse for a quadrature reference; this is a series/continued form). */
function erf(x: number): number {
  const s = Math.sign(x);
  const a = Math.abs(x);
  if (a < 2) {
    // Maclaurin series: (2/√π) Σ (−1)^n x^{2n+1} / (n! (2n+1)).
    let term = a;
    let sum = a;
    for (let n = 1; n < 60; n++) {
      term *= (-a * a) / n;
      sum += term / (2 * n + 1);
    }
    return (s * 2 * sum) / Math.sqrt(Math.PI);
  }
  // Continued fraction for erfc at large |x|.
  let f = 0;
  for (let n = 60; n >= 1; n--) f = n / 2 / (a + f);
  return s * (1 - Math.exp(-a * a) / Math.sqrt(Math.PI) / (a + f));
}

describe('collapsed sampler: seeded and batch-independent', () => {
  beforeAll(async () => {
    await setupTfNode('wasm');
  });
  afterAll(async () => {
    await setupTfNode('cpu');
  });

  it('gives a chain the same numbers alone as in a batch, and the same numbers again for the same seed', async () => {
    const [N0, N1] = [8, 6];
    const spec = toyChainSpec('collapsed-batch', { P: 16, N0, N1, Pte: 10 }, { burn: 40, samples: 6 });
    const w0 = (c: number) => Float32Array.from(makeRng('batch-w0', c).normals(N0 * N1));
    const both = await runChains(spec, [w0(0), w0(1)], [makeRng('bc', 0), makeRng('bc', 1)], hooks);
    const alone = await runChains(spec, [w0(1)], [makeRng('bc', 1)], hooks);
    const again = await runChains(spec, [w0(1)], [makeRng('bc', 1)], hooks);
    expect(alone[0].trace).toEqual(again[0].trace);
    expect(alone[0].trace.length).toBe(6);
    alone[0].trace.forEach((e, i) => expect(both[1].trace[i]).toBeCloseTo(e, 5));
    expect(both[0].trace[0]).not.toBe(both[1].trace[0]);
  });
});
