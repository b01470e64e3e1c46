import { directorySignature, loadDefinitions } from '../crawl/loader.js';

/**
 * Which platforms are local by definition (`local: true` in their crawler file): read from the
 * crawler folder and re-read when it changes (checked at most every few seconds).
 */
export function platformLocality(crawlersDir: string, recheckMs = 5000): (platform: string) => boolean {
  let signature = '';
  let checkedAt = 0;
  let local = new Set<string>();
  return (platform) => {
    const now = Date.now();
    if (now - checkedAt >= recheckMs) {
      checkedAt = now;
      try {
        const sig = directorySignature(crawlersDir);
        if (sig !== signature) {
          signature = sig;
          local = new Set(loadDefinitions(crawlersDir).definitions.filter((d) => d.local).map((d) => d.name));
        }
      } catch {
        // no crawler folder (a CLI on another machine): nothing is local by platform
      }
    }
    return local.has(platform);
  };
}
