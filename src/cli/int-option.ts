import { InvalidArgumentError } from 'commander';

/** A commander option parser for whole numbers ≥ `min`: a wrong value is a usage error naming what was received. */
export function intOption(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < min) {
      throw new InvalidArgumentError(`expected a whole number ≥ ${min}, received "${value}"`);
    }
    return n;
  };
}
