import { describe, expect, it } from 'vitest';
import { formatNumber, formatWithError } from './formatNumber';

describe('formatWithError', () => {
  it('keeps the value to the decimal place of its error bar', () => {
    expect(formatWithError(0.11734, 0.00724)).toBe('0.117 ± 0.007');
    expect(formatWithError(0.11734, 0.0153)).toBe('0.117 ± 0.015');
    expect(formatWithError(12.5, 0.6)).toBe('12.5 ± 0.6');
    expect(formatWithError(1234.5, 37)).toBe('1230 ± 40');
    expect(formatWithError(-0.2121, 0.0042)).toBe('−0.212 ± 0.004');
  });
  it('carries a rounded-up error into the next decade', () => {
    expect(formatWithError(0.51234, 0.0097)).toBe('0.51 ± 0.01');
  });
  it('falls back to three significant figures without a usable error', () => {
    expect(formatWithError(0.117342, undefined)).toBe('0.117');
    expect(formatWithError(0.117342, 0)).toBe('0.117');
    expect(formatWithError(0.117342, NaN)).toBe('0.117');
  });
});

describe('formatNumber', () => {
  it('three significant figures, signs and non-finite values', () => {
    expect(formatNumber(0.346512)).toBe('0.347');
    expect(formatNumber(-0.21206)).toBe('−0.212');
    expect(formatNumber(100)).toBe('100');
    expect(formatNumber(Infinity)).toBe('∞');
    expect(formatNumber(NaN)).toBe('—');
    expect(formatNumber(3.2e-6)).toBe('3.20e-6');
  });
});
