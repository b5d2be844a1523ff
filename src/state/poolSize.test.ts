import { describe, expect, it } from 'vitest';
import { MAX_WORKERS, poolSize } from './poolSize';

describe('poolSize: the ?workers= key', () => {
  it('defaults to the cores but one when absent', () => {
    expect(poolSize('', 8).size).toBe(poolSize('?chapter=linear', 8).size);
    expect(poolSize('', 8).notice).toBeUndefined();
  });
  it('takes a whole number in range', () => {
    expect(poolSize('?workers=3', 2)).toEqual({ size: 3 });
  });
  it('a repeated key: the last one wins, as for every other key', () => {
    expect(poolSize('?workers=1&workers=4', 8).size).toBe(4);
    expect(poolSize('?workers=4&workers=1', 8).size).toBe(1);
  });
  it('refuses a bad value with a notice naming the key', () => {
    for (const bad of ['0', '2.5', 'abc', String(MAX_WORKERS + 1)]) {
      const r = poolSize(`?workers=${bad}`, 8);
      expect(r.size).toBe(poolSize('', 8).size);
      expect(r.notice?.param).toBe('workers');
    }
  });
});
