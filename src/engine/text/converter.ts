import * as OpenCC from 'opencc-js';

/**
 * The one traditional→simplified converter (opencc-js 'hk'→'cn' also covers Taiwan forms).
 * Building a converter is expensive, so it is built once, on first use, and reused.
 */
let converter: ((text: string) => string) | undefined;

export function toSimplified(text: string): string {
  const convert = (converter ??= OpenCC.Converter({ from: 'hk', to: 'cn' }));
  return convert(text);
}
