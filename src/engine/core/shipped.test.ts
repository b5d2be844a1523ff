import { describe, expect, it } from 'vitest';
import { decodeFloats, encodeFloats, shippedTable } from './shipped';

describe('shipped float arrays', () => {
  it('decode to the encoded bits, special values and a view into a larger buffer included', () => {
    const values = [0, -0, 1.5, -3.25e-38, 1e-45, 3.4e38, Infinity, -Infinity, NaN, Math.PI];
    // Longer than one 0x8000-byte slice of the encoder, and a view at an offset.
    const big = Float32Array.from({ length: 20_000 }, (_, i) => values[i % values.length] * (1 + i / 7));
    const view = new Float32Array(big.buffer, 4 * 3, 9_001);
    for (const a of [Float32Array.from(values), big, view, new Float32Array(0)]) {
      const back = decodeFloats(encodeFloats(a));
      expect(back.length).toBe(a.length);
      expect(new Uint8Array(back.buffer)).toEqual(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    }
  });

  it('are loaded once, on first use, by key; a file that fails to load reads as empty', async () => {
    let loads = 0;
    const table = shippedTable(() => {
      loads++;
      return Promise.resolve([
        { key: 'a', arrays: [encodeFloats(Float32Array.of(1, 2)), encodeFloats(Float32Array.of(3))] },
      ]);
    });
    expect(loads).toBe(0);
    const [m1, m2] = await Promise.all([table(), table()]);
    expect(loads).toBe(1);
    expect(m1).toBe(m2);
    expect(m1.get('a')).toEqual([Float32Array.of(1, 2), Float32Array.of(3)]);
    expect(m1.get('b')).toBeUndefined();
    const broken = shippedTable(() => Promise.reject(new Error('offline')));
    expect((await broken()).size).toBe(0);
  });
});
