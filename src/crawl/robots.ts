/**
 * robots.txt, the parts crawlers honour: groups by User-agent, Allow/Disallow with
 * `*` and `$`, longest match wins (RFC 9309). A robots.txt that cannot be fetched
 * (4xx) allows everything; one that errors (5xx, network) disallows, as the RFC asks.
 */
export interface RobotsRules {
  isAllowed(url: string): boolean;
}

interface Rule {
  allow: boolean;
  pattern: RegExp;
  length: number;
}

export function parseRobots(text: string, agent: string): RobotsRules {
  const groups: { agents: string[]; rules: Rule[] }[] = [];
  let current: { agents: string[]; rules: Rule[] } | undefined;
  let lastWasAgent = false;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    if (key === 'user-agent') {
      if (!current || !lastWasAgent) groups.push((current = { agents: [], rules: [] }));
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
    } else {
      lastWasAgent = false;
      if (!current || (key !== 'allow' && key !== 'disallow')) continue;
      if (value === '') continue; // "Disallow:" alone allows everything
      current.rules.push({ allow: key === 'allow', pattern: toRegex(value), length: value.length });
    }
  }
  const token = agent.toLowerCase();
  const mine = groups.filter((g) => g.agents.some((a) => a !== '*' && token.includes(a)));
  const chosen = mine.length > 0 ? mine : groups.filter((g) => g.agents.includes('*'));
  const rules = chosen.flatMap((g) => g.rules);
  return {
    isAllowed(url: string) {
      let target: string;
      try {
        const u = new URL(url);
        target = u.pathname + u.search;
      } catch {
        return false;
      }
      let best: Rule | undefined;
      for (const r of rules) {
        if (r.pattern.test(target) && (!best || r.length > best.length || (r.length === best.length && r.allow))) best = r;
      }
      return best ? best.allow : true;
    },
  };
}

function toRegex(pattern: string): RegExp {
  const anchored = pattern.endsWith('$');
  const body = (anchored ? pattern.slice(0, -1) : pattern)
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`);
}

export const ALLOW_ALL: RobotsRules = { isAllowed: () => true };

/** robots.txt could not be read (5xx, network): everything is disallowed, and this says why. */
export function disallowAll(reason: string): RobotsRules & { reason: string } {
  return { isAllowed: () => false, reason };
}

/** Fetches and caches robots.txt per origin for one run. */
export class RobotsCache {
  private readonly byOrigin = new Map<string, Promise<RobotsRules>>();

  constructor(
    private readonly agent: string,
    private readonly timeoutMs = 10_000,
    private readonly headers: Record<string, string> = {},
  ) {}

  /** Why a URL was refused when robots.txt itself was unreachable (null for an ordinary Disallow). */
  async unreachableReason(url: string): Promise<string | null> {
    const rules = await this.byOrigin.get(new URL(url).origin);
    return rules && 'reason' in rules ? String(rules.reason) : null;
  }

  async isAllowed(url: string): Promise<boolean> {
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      return false;
    }
    let rules = this.byOrigin.get(origin);
    if (!rules) {
      rules = this.fetchRules(origin);
      this.byOrigin.set(origin, rules);
    }
    return (await rules).isAllowed(url);
  }

  private async fetchRules(origin: string): Promise<RobotsRules> {
    try {
      const res = await fetch(`${origin}/robots.txt`, { signal: AbortSignal.timeout(this.timeoutMs), headers: this.headers, redirect: 'follow' });
      if (res.status >= 400 && res.status < 500) return ALLOW_ALL;
      if (!res.ok) return disallowAll(`robots.txt answered HTTP ${res.status}: the site is failing`);
      return parseRobots((await res.text()).slice(0, 500_000), this.agent);
    } catch (err) {
      const cause = (err as Error & { cause?: Error }).cause?.message ?? (err as Error).message;
      return disallowAll(`the site is unreachable (robots.txt: ${cause})`);
    }
  }
}
