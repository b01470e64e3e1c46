/** A GPS position (WGS-84 degrees), as a camera writes it in EXIF. */
export interface GpsPoint {
  lat: number;
  lon: number;
}

const GPS_IFD_POINTER = 0x8825;
const TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8 };

/**
 * The GPS position in a raw EXIF block (sharp's `metadata().exif`: "Exif\0\0" then a TIFF
 * structure), or null when there is none or it does not read as a position. Reads only the
 * GPS IFD's latitude and longitude (tags 1–4); never throws on malformed input.
 */
export function gpsFromExif(exif: Uint8Array | undefined): GpsPoint | null {
  if (!exif || exif.length < 14) return null;
  const b = Buffer.from(exif.buffer, exif.byteOffset, exif.byteLength);
  const tiff = b.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? 6 : 0;
  const order = b.subarray(tiff, tiff + 2).toString('latin1');
  if (order !== 'II' && order !== 'MM') return null;
  const le = order === 'II';
  const u16 = (at: number) => (at + 2 <= b.length ? (le ? b.readUInt16LE(at) : b.readUInt16BE(at)) : NaN);
  const u32 = (at: number) => (at + 4 <= b.length ? (le ? b.readUInt32LE(at) : b.readUInt32BE(at)) : NaN);
  if (u16(tiff + 2) !== 42) return null;

  /** Tag → [type, count, offset of the value (inline or pointed to)] of the IFD at `ifd` (relative to the TIFF start). */
  const entries = (ifd: number) => {
    const out = new Map<number, { type: number; count: number; at: number }>();
    const n = u16(tiff + ifd);
    if (!Number.isFinite(n) || n > 512) return out;
    for (let i = 0; i < n; i++) {
      const e = tiff + ifd + 2 + i * 12;
      const tag = u16(e), type = u16(e + 2), count = u32(e + 4);
      if (!Number.isFinite(tag) || !Number.isFinite(count)) break;
      const size = (TYPE_SIZES[type] ?? 0) * count;
      out.set(tag, { type, count, at: size <= 4 ? e + 8 : tiff + u32(e + 8) });
    }
    return out;
  };
  const gpsOffset = entries(u32(tiff + 4)).get(GPS_IFD_POINTER);
  if (!gpsOffset || gpsOffset.type !== 4) return null;
  const gps = entries(u32(gpsOffset.at));
  const ref = (tag: number) => {
    const e = gps.get(tag);
    return e && e.type === 2 ? String.fromCharCode(b[e.at] ?? 0) : '';
  };
  const degrees = (tag: number) => {
    const e = gps.get(tag);
    if (!e || e.type !== 5 || e.count < 3) return NaN;
    const r = (k: number) => u32(e.at + k * 8) / u32(e.at + k * 8 + 4);
    return r(0) + r(1) / 60 + r(2) / 3600;
  };
  const lat = degrees(2) * (ref(1) === 'S' ? -1 : 1);
  const lon = degrees(4) * (ref(3) === 'W' ? -1 : 1);
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180 || (lat === 0 && lon === 0)) return null;
  return { lat, lon };
}
