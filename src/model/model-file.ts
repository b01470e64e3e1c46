import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { CATEGORY_CODES } from '../domain/categories.js';
import { ValidationError } from '../errors.js';
import { OUTPUTS, quantisationScales, runtimeIndex, type LinearModel } from './linear-model.js';

/**
 * The model file: magic, a JSON header (feature spec, calibration, quantisation scales, payload
 * checksum), then a gzip payload of bucket ids (delta-coded), int8 weights and float biases.
 * Weights are quantised per output (scale = max |w| / 127) and rows that quantise to all zeros
 * are pruned, which keeps a model of half a million hashed features to a few MB.
 */
const MAGIC = Buffer.from('CRMODEL\u0001', 'latin1');
const FORMAT = 1;

const headerSchema = z
  .object({
    format: z.literal(FORMAT),
    spec: z.object({ bits: z.number().int().min(8).max(24), maxN: z.number().int().min(1).max(5), words: z.boolean(), maxChars: z.number().int().positive(), ruleFeatures: z.boolean().default(false) }),
    categories: z.array(z.string()),
    outputs: z.number().int(),
    rows: z.number().int().min(0),
    scales: z.array(z.number()),
    calibration: z.object({
      lead: z.object({ a: z.number(), b: z.number() }),
      urgent: z.object({ a: z.number(), b: z.number() }),
      categoryTemperature: z.number().positive(),
    }),
    payloadBytes: z.number().int().min(0),
    payloadSha256: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();

/** A model file that cannot be used: foreign, truncated, altered or made for other categories. */
export class ModelFileError extends ValidationError {}

export function encodeModel(m: LinearModel): Buffer {
  const scales = Array.from(quantisationScales(m.weights, m.buckets.length));
  const q = new Int8Array(m.buckets.length * OUTPUTS);
  const kept: number[] = [];
  for (let r = 0; r < m.buckets.length; r++) {
    let any = false;
    for (let o = 0; o < OUTPUTS; o++) {
      const v = Math.round(m.weights[r * OUTPUTS + o]! / scales[o]!);
      q[kept.length * OUTPUTS + o] = v;
      if (v !== 0) any = true;
    }
    if (any) kept.push(m.buckets[r]!);
  }
  const deltas = new Uint32Array(kept.length);
  kept.forEach((b, i) => (deltas[i] = i === 0 ? b : b - kept[i - 1]!));
  const raw = Buffer.concat([
    Buffer.from(deltas.buffer, deltas.byteOffset, deltas.byteLength),
    Buffer.from(q.buffer, q.byteOffset, kept.length * OUTPUTS),
    Buffer.from(Float32Array.from(m.bias).buffer),
  ]);
  const payload = gzipSync(raw, { level: 9 });
  const header = {
    format: FORMAT,
    spec: m.spec,
    categories: [...CATEGORY_CODES],
    outputs: OUTPUTS,
    rows: kept.length,
    scales,
    calibration: m.calibration,
    payloadBytes: payload.length,
    payloadSha256: createHash('sha256').update(payload).digest('hex'),
  };
  const h = Buffer.from(JSON.stringify(header), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(h.length);
  return Buffer.concat([MAGIC, len, h, payload]);
}

/** Reads a model file; anything that is not exactly a model of this format throws ModelFileError saying what is wrong. */
export function decodeModel(buf: Buffer, name = 'model file'): LinearModel {
  if (buf.length < MAGIC.length + 4 || !buf.subarray(0, MAGIC.length).equals(MAGIC))
    throw new ModelFileError(`${name}: not a Civic Radar model (expected the bytes "CRMODEL\\x01" at the start, received ${JSON.stringify(buf.subarray(0, 8).toString('latin1'))})`);
  const hlen = buf.readUInt32LE(MAGIC.length);
  const hstart = MAGIC.length + 4;
  if (hstart + hlen > buf.length) throw new ModelFileError(`${name}: truncated (header says ${hlen} bytes, the file has ${buf.length - hstart} after the magic)`);
  let header: z.infer<typeof headerSchema>;
  try {
    header = headerSchema.parse(JSON.parse(buf.subarray(hstart, hstart + hlen).toString('utf8')));
  } catch (err) {
    throw new ModelFileError(`${name}: header is not valid (${(err as Error).message.slice(0, 200)})`);
  }
  if (header.outputs !== OUTPUTS || header.categories.join(',') !== CATEGORY_CODES.join(','))
    throw new ModelFileError(`${name}: made for other categories (expected ${CATEGORY_CODES.length} categories ${CATEGORY_CODES.join(',')}, received ${header.categories.join(',')}); retrain with \`civic-radar train\``);
  const payload = buf.subarray(hstart + hlen);
  if (payload.length !== header.payloadBytes || createHash('sha256').update(payload).digest('hex') !== header.payloadSha256)
    throw new ModelFileError(`${name}: payload checksum does not match (the file is corrupt or was altered); restore it or retrain`);
  const raw = gunzipSync(payload);
  const rows = header.rows;
  const expected = rows * 4 + rows * OUTPUTS + OUTPUTS * 4;
  if (raw.length !== expected) throw new ModelFileError(`${name}: payload has ${raw.length} bytes, expected ${expected}`);
  const deltas = new Uint32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + rows * 4));
  const buckets = new Int32Array(rows);
  let at = 0;
  for (let i = 0; i < rows; i++) buckets[i] = at = i === 0 ? deltas[0]! : at + deltas[i]!;
  if (rows > 0 && buckets[rows - 1]! >= 1 << header.spec.bits) throw new ModelFileError(`${name}: bucket ${buckets[rows - 1]} outside 2^${header.spec.bits}`);
  const q = new Int8Array(raw.buffer.slice(raw.byteOffset + rows * 4, raw.byteOffset + rows * 4 + rows * OUTPUTS));
  const weights = new Float32Array(rows * OUTPUTS);
  for (let r = 0; r < rows; r++) for (let o = 0; o < OUTPUTS; o++) weights[r * OUTPUTS + o] = q[r * OUTPUTS + o]! * header.scales[o]!;
  const bias = new Float32Array(raw.buffer.slice(raw.byteOffset + rows * 4 + rows * OUTPUTS, raw.byteOffset + expected));
  return { spec: header.spec, buckets, weights, bias, calibration: header.calibration, ...runtimeIndex(header.spec.bits, buckets, weights) };
}
