import type { SweepTotals } from './sweep.js';

/** Progress for long CLI crawls on stderr: one rewritten line on a terminal, a line every few seconds otherwise. */
export function progressPrinter(label: string, stream: NodeJS.WriteStream = process.stderr): { update(t: SweepTotals): void; done(): void } {
  let last = 0;
  let shown = false;
  const line = (t: SweepTotals) => `${label}: ${t.pages} page(s), ${t.newPosts} new, ${t.seenPosts} seen, ${t.errors} error(s)`;
  return {
    update(t) {
      const now = Date.now();
      if (stream.isTTY) {
        if (now - last < 100) return;
        stream.write(`\r${line(t)}\u001b[K`);
        shown = true;
      } else {
        if (now - last < 3000) return;
        stream.write(`${line(t)}\n`);
      }
      last = now;
    },
    done() {
      if (shown) stream.write('\n');
    },
  };
}
