import { describe, expect, it } from 'vitest';
import { normalizePhone } from '#domain/registry.ts';

describe('normalizePhone', () => {
  it.each([
    ['13800001234', '13800001234'],
    ['138-0000-1234', '13800001234'],
    ['+86 138 0000 1234', '13800001234'],
    ['008613800001234', '13800001234'],
    ['+8613800001234', '13800001234'],
    ['0731-2288 1234', '073122881234'],
    ['+44 20 7946 0958', '442079460958'],
  ])('keys %s as %s', (typed, keyed) => {
    expect(normalizePhone(typed)).toBe(keyed);
  });
});
