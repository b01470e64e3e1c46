import path from 'node:path';
import type { Command } from 'commander';
import { loadDefinitionFile, loadDefinitions } from '../../crawl/loader.js';
import type { CrawlerDefinition } from '../../crawl/definition.js';
import type { AppContext } from '../../context.js';
import { ConfigError } from '../../errors.js';
import type { NewPost } from '../../storage/posts.js';
import { contextFor } from '../cli-context.js';
import { intOption } from '../int-option.js';

/** A platform by name from the crawlers directory, or a file path (an admin trying a new file). */
export function findDefinition(ctx: AppContext, nameOrFile: string): CrawlerDefinition {
  if (/\.(ya?ml|json)$/i.test(nameOrFile)) return loadDefinitionFile(path.resolve(nameOrFile));
  const dir = path.resolve(ctx.config.crawlersDir);
  const { definitions, errors } = loadDefinitions(dir);
  const def = definitions.find((d) => d.name === nameOrFile);
  if (def) return def;
  const broken = errors.find((e) => path.basename(e.file ?? '').replace(/\.(ya?ml|json)$/i, '').toLowerCase() === nameOrFile);
  if (broken) throw broken;
  const known = definitions.map((d) => d.name).join(', ') || '(none)';
  throw new ConfigError(`no platform "${nameOrFile}"; known platforms: ${known} (or pass a file path)`, dir);
}

function printPreview(posts: NewPost[], json: boolean): void {
  for (const p of posts) {
    if (json) {
      const { raw: _raw, ...rest } = p;
      process.stdout.write(`${JSON.stringify(rest)}\n`);
      continue;
    }
    const meta = [p.publishedAt ?? 'time?', p.author ?? 'author?', p.ipLocation ? `IP ${p.ipLocation}` : null, p.likes != null ? `赞${p.likes}` : null].filter(Boolean).join(' · ');
    process.stdout.write(`── ${p.platformPostId}  ${meta}\n${p.title ? `【${p.title}】` : ''}${p.text.replace(/\s+/g, ' ').slice(0, 160)}\n${p.url ?? ''}\n`);
  }
}

export function registerCrawl(program: Command): void {
  program
    .command('crawl')
    .description('crawl one platform once (as the scheduler would), or try a crawler file with --dry-run')
    .argument('<platform>', 'platform name from the crawlers directory, or a path to a crawler file (.yaml/.json)')
    .option('--dry-run', 'fetch one listing page (and its detail pages), print the posts it yields, store nothing')
    .option('--max-pages <n>', 'at most this many listing pages per start URL', intOption(1))
    .option('--json', 'dry run: print posts as JSON lines')
    .addHelpText('after', '\nExamples:\n  civic-radar crawl weibo-search\n  civic-radar crawl ./my-forum.yaml --dry-run\n')
    .action(async (platform: string, opts: { dryRun?: boolean; maxPages?: number; json?: boolean }, cmd: Command) => {
      const ctx = contextFor(cmd);
      try {
        // loaded when the command runs, not for every CLI start (--help, other commands)
        const [{ runCrawl }, { progressPrinter }] = await Promise.all([import('../../crawl/runner.js'), import('../../crawl/progress.js')]);
        const def = findDefinition(ctx, platform);
        if (!def.enabled) process.stderr.write(`note: ${def.name} is disabled in ${def.file}; the scheduler skips it, running it once anyway\n`);
        const progress = progressPrinter(def.name);
        const result = await runCrawl(ctx, def, { trigger: 'cli', dryRun: opts.dryRun, maxPages: opts.maxPages, onProgress: (t) => progress.update(t) });
        progress.done();
        if (opts.dryRun) {
          printPreview(result.preview, opts.json ?? false);
          process.stderr.write(`dry run: ${result.preview.length} post(s) from ${result.totals.pages} page(s); nothing stored\n`);
        } else {
          const t = result.totals;
          process.stderr.write(`${def.name}: ${result.status} — ${t.pages} page(s), ${t.newPosts} new post(s), ${t.seenPosts} already stored, ${t.errors} error(s) in ${(result.durationMs / 1000).toFixed(1)} s (run #${result.runId})\n`);
        }
        for (const e of result.errors.slice(0, 5)) process.stderr.write(`  error: ${e}\n`);
        for (const w of result.warnings) process.stderr.write(`  warning: ${w.message}\n`);
        if (result.status === 'failed') process.exitCode = 1;
      } finally {
        ctx.db.close();
      }
    });
}
