/**
 * Representation-similarity measures between two sets of M points (the same M
 * probe inputs seen through two networks' layers). Pure float64 TypeScript.
 *
 * docs/science/depth.md (D7)–(D10): the headline score is the neighbourhood overlap (Doimo et
 * al. 2020), with linear CKA (Kornblith et al. 2019) and the information
 * imbalance (Glielmo et al. 2022) as the other established measures. All
 * neighbourhoods use Euclidean distances, exclude the point itself, and break
 * distance ties by index so that results are deterministic.
 */

/** M points in d dimensions, row-major (point i = data[i*d .. i*d+d)). */
export interface Points {
  data: ArrayLike<number>;
  M: number;
  d: number;
}

export function points(data: ArrayLike<number>, M: number, d: number): Points {
  if (data.length !== M * d) throw new Error(`points: ${data.length} values for ${M}×${d}`);
  return { data, M, d };
}

/** Squared Euclidean distances, M×M row-major. */
function squaredDistances(A: Points): Float64Array {
  const { data, M, d } = A;
  const norms = new Float64Array(M);
  for (let i = 0; i < M; i++) {
    let s = 0;
    for (let c = 0; c < d; c++) s += data[i * d + c] ** 2;
    norms[i] = s;
  }
  const D = new Float64Array(M * M);
  for (let i = 0; i < M; i++) {
    for (let j = i + 1; j < M; j++) {
      // Direct differences (not |a|²+|b|²−2a·b): exact zeros for identical points, no cancellation.
      let s = 0;
      for (let c = 0; c < d; c++) {
        const t = data[i * d + c] - data[j * d + c];
        s += t * t;
      }
      D[i * M + j] = s;
      D[j * M + i] = s;
    }
  }
  return D;
}

/**
 * For every point, the other points ordered from nearest to farthest (ties by
 * index): order[i*(M-1) + r] = index of i's (r+1)-th neighbour.
 */
export function neighbourOrder(A: Points): Int32Array {
  const { M } = A;
  const D = squaredDistances(A);
  const order = new Int32Array(M * (M - 1));
  const idx = new Array<number>(M - 1);
  for (let i = 0; i < M; i++) {
    let n = 0;
    for (let j = 0; j < M; j++) if (j !== i) idx[n++] = j;
    const row = i * M;
    idx.sort((a, b) => D[row + a] - D[row + b] || a - b);
    order.set(idx, i * (M - 1));
  }
  return order;
}

/** Rank of j among i's neighbours (1 = nearest), from an order table: rank[i*M + j]; rank[i*M+i] = 0. */
function ranksFromOrder(order: Int32Array, M: number): Int32Array {
  const rank = new Int32Array(M * M);
  for (let i = 0; i < M; i++) for (let r = 0; r < M - 1; r++) rank[i * M + order[i * (M - 1) + r]] = r + 1;
  return rank;
}

function checkPair(A: Points, B: Points) {
  if (A.M !== B.M) throw new Error(`similarity: ${A.M} vs ${B.M} points`);
}

function checkK(k: number, M: number) {
  if (!(Number.isInteger(k) && k >= 1 && k <= M - 1))
    throw new Error(`similarity: k = ${k} needs 1 ≤ k ≤ M−1 = ${M - 1}`);
}

/**
 * Neighbourhood overlap χ(A,B) = (1/M) Σ_i |N_k^A(i) ∩ N_k^B(i)| / k.
 * 1 when every point has the same k nearest neighbours in both representations
 * (e.g. B a rotated and rescaled copy of A); ≈ k/(M−1) for unrelated ones.
 * Symmetric in A and B.
 */
export function neighbourhoodOverlap(A: Points, B: Points, k: number): number {
  checkPair(A, B);
  const M = A.M;
  checkK(k, M);
  return overlapFromOrders(neighbourOrder(A), neighbourOrder(B), M, k);
}

/** Same as `neighbourhoodOverlap`, from precomputed neighbour orders (reuse one probe net's order for many sources). */
export function overlapFromOrders(orderA: Int32Array, orderB: Int32Array, M: number, k: number): number {
  checkK(k, M);
  const mark = new Int32Array(M).fill(-1);
  let total = 0;
  for (let i = 0; i < M; i++) {
    const base = i * (M - 1);
    for (let r = 0; r < k; r++) mark[orderA[base + r]] = i;
    let shared = 0;
    for (let r = 0; r < k; r++) if (mark[orderB[base + r]] === i) shared++;
    total += shared / k;
  }
  return total / M;
}

/** Expected overlap of two unrelated representations: k/(M−1). */
export function chanceOverlap(M: number, k: number): number {
  return k / (M - 1);
}

/**
 * Label overlap χ^gt(A) = (1/M) Σ_i (1/k) Σ_{j ∈ N_k^A(i)} [y_j = y_i]: how pure
 * the label neighbourhoods of a representation are (needs labels, no second network).
 */
export function labelOverlap(A: Points, labels: ArrayLike<number>, k: number): number {
  const M = A.M;
  checkK(k, M);
  if (labels.length !== M) throw new Error(`labelOverlap: ${labels.length} labels for ${M} points`);
  const order = neighbourOrder(A);
  let total = 0;
  for (let i = 0; i < M; i++) {
    let same = 0;
    for (let r = 0; r < k; r++) if (labels[order[i * (M - 1) + r]] === labels[i]) same++;
    total += same / k;
  }
  return total / M;
}

/**
 * Information imbalance Δ(A→B) = (2/M) · mean_i r^B(i, nn_A(i)): the average rank,
 * in B, of each point's nearest neighbour in A, scaled so that ≈ 0 means "A's
 * neighbours are B's neighbours" (A predicts B) and ≈ 1 means no information.
 * Asymmetric: a space predicts its own projections better than the reverse.
 */
export function informationImbalance(A: Points, B: Points): number {
  checkPair(A, B);
  return imbalanceFromOrders(neighbourOrder(A), neighbourOrder(B), A.M);
}

export function imbalanceFromOrders(orderA: Int32Array, orderB: Int32Array, M: number): number {
  const rankB = ranksFromOrder(orderB, M);
  let sum = 0;
  for (let i = 0; i < M; i++) sum += rankB[i * M + orderA[i * (M - 1)]];
  return (2 / M) * (sum / M);
}

/**
 * Linear CKA = ‖ÃᵀB̃‖_F² / (‖ÃᵀÃ‖_F ‖B̃ᵀB̃‖_F) with column-centred Ã, B̃.
 * Invariant to rotations and isotropic scaling of either representation; 1 for
 * identical (up to those) representations, ≈ √(d_A d_B)/M for independent Gaussian ones.
 * Returns NaN when one representation is constant (no variance to compare).
 */
export function linearCka(A: Points, B: Points): number {
  checkPair(A, B);
  const Ac = centred(A);
  const Bc = centred(B);
  const ab = frobenius2(cross(Ac, A.d, Bc, B.d, A.M));
  const aa = Math.sqrt(frobenius2(cross(Ac, A.d, Ac, A.d, A.M)));
  const bb = Math.sqrt(frobenius2(cross(Bc, B.d, Bc, B.d, B.M)));
  return aa > 0 && bb > 0 ? ab / (aa * bb) : NaN;
}

function centred(A: Points): Float64Array {
  const { data, M, d } = A;
  const out = Float64Array.from(data);
  for (let c = 0; c < d; c++) {
    let m = 0;
    for (let i = 0; i < M; i++) m += out[i * d + c];
    m /= M;
    for (let i = 0; i < M; i++) out[i * d + c] -= m;
  }
  return out;
}

/** XᵀY for M×dx and M×dy row-major matrices (dx×dy result). */
function cross(X: Float64Array, dx: number, Y: Float64Array, dy: number, M: number): Float64Array {
  const out = new Float64Array(dx * dy);
  for (let i = 0; i < M; i++) {
    for (let a = 0; a < dx; a++) {
      const xa = X[i * dx + a];
      if (xa === 0) continue;
      for (let b = 0; b < dy; b++) out[a * dy + b] += xa * Y[i * dy + b];
    }
  }
  return out;
}

function frobenius2(X: Float64Array): number {
  let s = 0;
  for (const v of X) s += v * v;
  return s;
}
