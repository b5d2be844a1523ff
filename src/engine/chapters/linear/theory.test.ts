import { describe, expect, it } from 'vitest';
import {
  divergences,
  finetuneRisk,
  finetuneRiskGd,
  risks,
  scratchRisk,
  sourceStats,
  teacherDistance,
  transferability,
  transferRisk,
  type LinearModel,
} from './theory';

const base: LinearModel = {
  theta: 22.5,
  gamma: 0.5,
  sigma: 0.2,
  lam: 0,
  source: 'infinite',
  gamma_s: 1.5,
  sigma_s: 0.2,
  t: 1,
  L: 2,
};

describe('linear theory: closed-form special cases', () => {
  it('scratch is 1 − γ without noise and σ²/(γ−1) above the threshold', () => {
    for (const g of [0.1, 0.4, 0.9]) expect(scratchRisk(g, 0, 1)).toBeCloseTo(1 - g, 12);
    expect(scratchRisk(2, 0.3, 1)).toBeCloseTo(0.09, 12);
    expect(scratchRisk(1, 0.2, 1)).toBe(Infinity);
  });

  it('linear transfer from an infinite source is sin²θ at λ = 0 and the official ridge formula otherwise', () => {
    for (const th of [0, 22.5, 45, 80]) {
      const rad = (th * Math.PI) / 180;
      expect(transferRisk({ ...base, theta: th })).toBeCloseTo(Math.sin(rad) ** 2, 12);
      for (const lam of [0.1, 0.5])
        expect(transferRisk({ ...base, theta: th, lam })).toBeCloseTo(
          1 - ((1 + 2 * lam) / (1 + lam) ** 2) * Math.cos(rad) ** 2,
          12,
        );
    }
  });

  it('the noiseless linear-transfer boundary is γ* = cos²θ (docs/science/linear.md (L10), Reference numbers)', () => {
    const table: [number, number][] = [
      [22.5, 0.854],
      [30, 0.75],
      [45, 0.5],
      [60, 0.25],
      [67.5, 0.146],
    ];
    for (const [th, gStar] of table) {
      const m = { ...base, theta: th, sigma: 0 };
      expect(transferability({ ...m, gamma: gStar - 0.01 }, 'transfer')).toBeGreaterThan(0);
      expect(transferability({ ...m, gamma: gStar + 0.01 }, 'transfer')).toBeLessThan(0);
    }
  });

  it('reproduces the slice values of T (σ = 0.2, θ = π/8 and π/4; docs/science/linear.md, Reference numbers)', () => {
    const cases: [number, number, number, number][] = [
      // theta, gamma, T_lt, T_ft (docs/science/linear.md, Reference numbers: slices)
      [22.5, 0.25, 0.617, 0.636],
      [22.5, 0.5, 0.394, 0.424],
      [22.5, 0.75, 0.224, 0.212],
      [22.5, 1.5, -0.066, 0],
      [45, 0.25, 0.263, 0.311],
      [45, 0.5, 0.04, 0.207],
      [45, 1.5, -0.42, 0],
    ];
    for (const [theta, gamma, tlt, tft] of cases) {
      expect(transferability({ ...base, theta, gamma }, 'transfer')).toBeCloseTo(tlt, 2);
      expect(transferability({ ...base, theta, gamma }, 'finetune')).toBeCloseTo(tft, 2);
    }
  });

  it('ridge panel: R_lt(λ) at γ = 0.5, θ = π/8 (docs/science/linear.md (L6), Reference numbers)', () => {
    const expected = [0.146, 0.154, 0.17, 0.192, 0.216, 0.241];
    expected.forEach((r, i) => expect(transferRisk({ ...base, lam: i / 10 })).toBeCloseTo(r, 3));
  });

  it('fine-tuning helps iff ||b_t − b̂_s|| < ||b_t||: boundary θ = 60° for unit teachers', () => {
    expect(transferability({ ...base, theta: 59 }, 'finetune')).toBeGreaterThan(0);
    expect(transferability({ ...base, theta: 61 }, 'finetune')).toBeLessThan(0);
    expect(transferability({ ...base, theta: 80, gamma: 1.4 }, 'finetune')).toBe(0);
  });

  it('finite-source statistics and the finite-source FT boundary cos θ ≈ 0.54', () => {
    expect(sourceStats({ ...base, source: 'finite', gamma_s: 0.5 })).toEqual({
      q: 0.5 + 0.04,
      p: 0.5 * Math.cos((22.5 * Math.PI) / 180),
    });
    for (const gs of [0.5, 1.5]) {
      const m = { ...base, source: 'finite', gamma_s: gs, sigma_s: 0.2 };
      const cut = (Math.acos(0.54) * 180) / Math.PI;
      expect(transferability({ ...m, theta: cut - 1 }, 'finetune')).toBeGreaterThan(0);
      expect(transferability({ ...m, theta: cut + 1 }, 'finetune')).toBeLessThan(0);
    }
  });

  it('the divergence counter-example (docs/science/linear.md (L14)): same KL, opposite transfer', () => {
    const A = { ...base, theta: 0, t: 2 };
    const B = { ...base, theta: 60, t: 1 };
    expect(teacherDistance(A.theta, A.t)).toBeCloseTo(1, 12);
    expect(teacherDistance(B.theta, B.t)).toBeCloseTo(1, 12);
    expect(divergences(1, 0.2).kl).toBeCloseTo(12.5, 12);
    const rA = risks(A);
    const rB = risks(B);
    expect(rA.scratch).toBeCloseTo(2.04, 2);
    expect(rA.transfer).toBeCloseTo(0, 12);
    expect(rA.finetune).toBeCloseTo(0.54, 2);
    expect(rB.scratch).toBeCloseTo(0.54, 2);
    expect(rB.transfer).toBeCloseTo(0.75, 2);
    expect(finetuneRisk(B)).toBeCloseTo(rB.scratch, 12);
  });

  it('depth only rescales the ridge: at λ = 0 the result does not depend on L', () => {
    for (const L of [2, 3, 5])
      expect(transferRisk({ ...base, L, source: 'finite', gamma_s: 0.7 })).toBeCloseTo(
        transferRisk({ ...base, source: 'finite', gamma_s: 0.7 }),
        12,
      );
    expect(transferRisk({ ...base, L: 3, lam: 0.3, source: 'finite', gamma_s: 0.7 })).not.toBeCloseTo(
      transferRisk({ ...base, lam: 0.3, source: 'finite', gamma_s: 0.7 }),
      6,
    );
  });
});

describe('linear theory: fine-tuning as gradient descent runs it (docs/science/linear.md (L15))', () => {
  const rescaled = (delta: number, L = 2): LinearModel => ({ ...base, theta: 0, t: 1 + delta, L });
  it(
    'the rescaled family at γ = 0.5, σ = 0.2, L = 2: 𝒯 = 0.767, 1.069, 1.778, 2.444 at distance 0.25, 0.5, 1, 1.4 ' +
      '(Euclidean 0.75, 1, 1.5, 1.9)',
    () => {
      const want = [0.7674, 1.0694, 1.7778, 2.4444];
      [0.25, 0.5, 1, 1.4].forEach((delta, i) => {
        const m = rescaled(delta);
        expect(risks(m).scratch - finetuneRiskGd(m)).toBeCloseTo(want[i], 4);
        expect(transferability(m, 'finetune')).toBeCloseTo(0.5 * (1 + 2 * delta), 12);
      });
    },
  );
  it(
    '(L15) term by term: across u as on the Euclidean line, along u less (the deeper, the less); with no change ' +
      'along u or above γ = 1, the Euclidean error',
    () => {
      // Unit teacher at 90°: r = b_t − b_s has r_u = −1 along u and ‖r_⊥‖ = 1 across it.
      const m: LinearModel = { ...base, theta: 90 };
      const k = 1; // γ/(1 − γ) at γ = 0.5
      expect(finetuneRiskGd(m)).toBeCloseTo(0.5 * 1 + (1 * (1 + k)) / (1 + 2 * k) ** 2 + 0.04 * k, 12);
      expect(finetuneRiskGd(rescaled(1, 3))).toBeLessThan(finetuneRiskGd(rescaled(1, 2)));
      expect(finetuneRiskGd(rescaled(1, 2))).toBeLessThan(finetuneRisk(rescaled(1, 2)));
      // Without a change along u, or above γ = 1, it is the Euclidean fine-tuning error.
      expect(finetuneRiskGd({ ...base, theta: 0, t: 1 })).toBeCloseTo(finetuneRisk({ ...base, theta: 0, t: 1 }), 12);
      expect(finetuneRiskGd({ ...rescaled(1), gamma: 1.5 })).toBeCloseTo(
        finetuneRisk({ ...rescaled(1), gamma: 1.5 }),
        12,
      );
    },
  );
});
