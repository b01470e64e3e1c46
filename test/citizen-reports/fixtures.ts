import sharp from 'sharp';

/** Photos and hostile files written here, never taken from anyone. */
export const jpeg = (w = 64, h = 48) => sharp({ create: { width: w, height: h, channels: 3, background: '#3a7' } }).jpeg().toBuffer();
export const png = () => sharp({ create: { width: 40, height: 30, channels: 4, background: { r: 200, g: 50, b: 50, alpha: 0.5 } } }).png().toBuffer();
export const webp = () => sharp({ create: { width: 40, height: 30, channels: 3, background: '#55f' } }).webp().toBuffer();

/** A JPEG whose EXIF holds a GPS position (华强北, 福田区) and a camera make. */
export const jpegWithGps = () => sharp({ create: { width: 80, height: 60, channels: 3, background: '#c33' } }).jpeg()
  .withExif({ IFD0: { Make: 'ExifMarkerCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '22/1 32/1 4968/100', GPSLongitudeRef: 'E', GPSLongitude: '114/1 5/1 715/100' } })
  .toBuffer();

export const SCRIPT = Buffer.from('<script>alert(document.cookie)</script>\n');
export const SVG = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><rect width="10" height="10"/></svg>');
export const HTML = Buffer.from('<!doctype html><html><body><img src=x onerror=alert(1)></body></html>');
/** ISO-BMFF header of an iPhone photo (brand heic). */
export const HEIC = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.from([0, 0, 0, 0]), Buffer.from('mif1heic'), Buffer.alloc(64)]);

/** A minimal ZIP (one stored file) whose content is `marker`. */
export function zipWith(marker: string): Buffer {
  const data = Buffer.from(marker);
  const name = Buffer.from('payload.txt');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(10, 4); local.writeUInt32LE(data.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(10, 6); central.writeUInt32LE(data.length, 20); central.writeUInt32LE(data.length, 24); central.writeUInt16LE(name.length, 28);
  const cdOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(1, 8); end.writeUInt16LE(1, 10); end.writeUInt32LE(central.length + name.length, 12); end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

/** A JPEG with a ZIP appended (opens as a photo and as an archive). */
export async function jpegZipPolyglot(marker: string): Promise<Buffer> {
  return Buffer.concat([await jpeg(), zipWith(marker)]);
}

/** A JPEG with a page in a comment segment right after SOI (a browser sniffing it may see HTML). */
export async function jpegHtmlPolyglot(): Promise<Buffer> {
  const img = await jpeg();
  const page = Buffer.from('<html><script>alert("polyglot")</script></html>');
  const com = Buffer.alloc(4);
  com.writeUInt16BE(0xfffe, 0);
  com.writeUInt16BE(page.length + 2, 2);
  return Buffer.concat([img.subarray(0, 2), com, page, img.subarray(2)]);
}

/** The multipart body of a report, as a browser's FormData would send it. */
export function reportForm(fields: Record<string, string>, files: { name: string; bytes: Uint8Array; type?: string }[] = []): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append('photos', new Blob([new Uint8Array(f.bytes)], { type: f.type ?? 'image/jpeg' }), f.name);
  return form;
}
