import { describe, expect, it } from 'vitest';
import { parseRobots } from '../../src/crawl/robots.js';

const txt = `# comment
User-agent: Baiduspider
Disallow: /

User-agent: CivicRadar
Disallow: /search
Allow: /search/public

User-agent: *
Disallow: /private/
Disallow: /*.json$
Allow: /private/open
`;

describe('robots.txt (RFC 9309 subset)', () => {
  it.each([
    ['Mozilla/5.0 (compatible; CivicRadar/0.1)', 'https://x/search?q=1', false],
    ['Mozilla/5.0 (compatible; CivicRadar/0.1)', 'https://x/search/public/1', true],
    ['Mozilla/5.0 (compatible; CivicRadar/0.1)', 'https://x/private/a', true], // its own group replaces *
    ['OtherBot', 'https://x/private/a', false],
    ['OtherBot', 'https://x/private/open/1', true], // longer Allow wins
    ['OtherBot', 'https://x/api/list.json', false],
    ['OtherBot', 'https://x/api/list.json?x=1', true], // $ anchors
    ['OtherBot', 'https://x/', true],
    ['Baiduspider', 'https://x/anything', false],
  ])('%s %s → %s', (agent, url, allowed) => {
    expect(parseRobots(txt, agent).isAllowed(url)).toBe(allowed);
  });

  it('an empty Disallow allows everything', () => {
    expect(parseRobots('User-agent: *\nDisallow:\n', 'x').isAllowed('https://x/a')).toBe(true);
  });
});
