import type { Location } from './location/resolve.js';

/**
 * What says a problem is local (guide §1: a post that names no place counts as inside; issue 9:
 * but rank it lower). A named place of the jurisdiction is the strongest; a platform that is local
 * by definition (a city forum, a city's message board) next; the IP属地 last, a weak hint.
 */
export type Locality = 'place' | 'platform' | 'ip' | 'none';

export function localityOf(location: Location, post: { ip_location?: string | null; platformLocal?: boolean }, localIpLocations: readonly string[]): Locality {
  if (location.district || location.street || location.place) return 'place';
  if (post.platformLocal) return 'platform';
  const ip = post.ip_location?.replace(/^IP属地[:：]?\s*/u, '').trim();
  if (ip && localIpLocations.some((l) => ip.startsWith(l))) return 'ip';
  return 'none';
}
