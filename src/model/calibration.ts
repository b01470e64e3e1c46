import type { Platt } from './linear-model.js';
import { softmax } from './linear-model.js';

/**
 * Platt scaling: p = sigmoid(a·z + b) fitted by Newton's method on held-out scores, so a
 * probability means what it says. With too few examples of one class it returns the identity.
 */
export function fitPlatt(points: readonly { z: number; y: number; w: number }[]): Platt {
  const pos = points.filter((p) => p.y === 1).length;
  if (pos < 5 || points.length - pos < 5) return { a: 1, b: 0 };
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 50; iter++) {
    // gradient and Hessian of the weighted log loss in (a, b)
    let ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
    for (const { z, y, w } of points) {
      const p = 1 / (1 + Math.exp(-(a * z + b)));
      const d = (p - y) * w;
      const s = p * (1 - p) * w;
      ga += d * z;
      gb += d;
      haa += s * z * z;
      hab += s * z;
      hbb += s;
    }
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-12) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-7) break;
  }
  return Number.isFinite(a) && Number.isFinite(b) ? { a, b } : { a: 1, b: 0 };
}

/** Temperature for the category softmax minimising the held-out log loss of the allowed set. */
export function fitTemperature(points: readonly { z: ArrayLike<number>; mask: Uint8Array; w: number }[], from: number): number {
  if (points.length < 10) return 1;
  const loss = (t: number) => {
    let sum = 0;
    for (const { z, mask, w } of points) {
      const p = softmax(z, from, mask.length, t);
      let inSet = 0;
      for (let c = 0; c < mask.length; c++) if (mask[c]) inSet += p[c]!;
      sum -= w * Math.log(Math.max(inSet, 1e-12));
    }
    return sum;
  };
  // golden-section search on log t over [0.1, 10]
  let lo = Math.log(0.1), hi = Math.log(10);
  const r = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - r * (hi - lo), x2 = lo + r * (hi - lo);
  let f1 = loss(Math.exp(x1)), f2 = loss(Math.exp(x2));
  for (let i = 0; i < 40; i++) {
    if (f1 < f2) {
      hi = x2; x2 = x1; f2 = f1; x1 = hi - r * (hi - lo); f1 = loss(Math.exp(x1));
    } else {
      lo = x1; x1 = x2; f1 = f2; x2 = lo + r * (hi - lo); f2 = loss(Math.exp(x2));
    }
  }
  return Math.exp((lo + hi) / 2);
}

/** Expected calibration error over equal-width bins: how far stated probabilities are from observed rates. */
export function expectedCalibrationError(points: readonly { p: number; y: number }[], bins = 10): number {
  const count = new Array<number>(bins).fill(0);
  const conf = new Array<number>(bins).fill(0);
  const hit = new Array<number>(bins).fill(0);
  for (const { p, y } of points) {
    const k = Math.min(bins - 1, Math.floor(p * bins));
    count[k]!++;
    conf[k]! += p;
    hit[k]! += y;
  }
  let ece = 0;
  for (let k = 0; k < bins; k++) if (count[k]) ece += (count[k]! / points.length) * Math.abs(conf[k]! / count[k]! - hit[k]! / count[k]!);
  return ece;
}
