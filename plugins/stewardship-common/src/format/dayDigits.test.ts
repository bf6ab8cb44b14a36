import { averageAgeDigits, dayDigits } from './dayDigits';

describe('averageAgeDigits: the one rounding rule of the tab, the formulas and the planning review', () => {
  it.each([
    // 89.96 meets the target: rounded down to 89.9 (the nearest tenth, 90.0, reads as missing it).
    [89.96, true, '89.9'],
    // 89.99 too; 89.9 exactly stays 89.9; 12.06 → 12.0, not 12.1.
    [89.99, true, '89.9'],
    [89.9, true, '89.9'],
    [12.06, true, '12.0'],
    // 90.04 misses it: to the nearest tenth, 90.0 (not below 90 either).
    [90.04, false, '90.0'],
    [90.06, false, '90.1'],
    // Missing it and over 180: never 180.0 ({@link dayDigits}).
    [180.04, false, '180.1'],
  ])('%p days (meets: %p) → %p', (days, meets, expected) => {
    expect(averageAgeDigits(days, meets)).toBe(expected);
  });
});

describe('dayDigits: to the nearest tenth, an age over 180 days never reads as 180', () => {
  it.each([
    // 180.04 is listed under "Oldest (over 180 days)": the nearest tenth, 180.0, is not over
    // 180, so it reads the first tenth above it.
    [180.04, '180.1'],
    [180.001, '180.1'],
    // 180 exactly is not over 180 and reads as it is; 179.96 to the nearest tenth is 180.0.
    [180, '180.0'],
    [179.96, '180.0'],
    // From 180.05 the nearest tenth is over 180 already.
    [180.05, '180.1'],
    [180.16, '180.2'],
    [12.04, '12.0'],
    [89.96, '90.0'],
    [0, '0.0'],
  ])('%p → %p', (days, expected) => {
    expect(dayDigits(days)).toBe(expected);
  });
});
