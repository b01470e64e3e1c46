import path from 'node:path';
import type { Command } from 'commander';
import { createContext } from '../../context.js';
import { CATEGORIES } from '../../domain/categories.js';
import { leadsByCategory, postsByPlatform } from '../../storage/crawl-summary.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('start a local demo site with realistic Shenzhen posts, crawl it, run the pipeline and print a summary (no internet needed)')
    .option('--data-dir <dir>', 'where the demo database goes (default: DATA_DIR/demo, apart from real data)')
    .option('--keep-running', 'keep the demo site up afterwards (Ctrl-C to stop)')
    .action(async (opts: { dataDir?: string; keepRunning?: boolean }, cmd: Command) => {
      // loaded when the command runs, not for every CLI start (--help, other commands)
      const [{ loadDefinitions }, { DEMO_CRAWLERS }, { progressPrinter }, { runCrawl }, { startDemoSite }] = await Promise.all([
        import('../../crawl/loader.js'), import('../../crawl/platform-names.js'), import('../../crawl/progress.js'), import('../../crawl/runner.js'), import('../../demo/demo-site.js'),
      ]);
      const global = cmd.optsWithGlobals<{ config?: string }>();
      const base = createContext({ file: global.config });
      base.db.close();
      const dataDir = path.resolve(opts.dataDir ?? path.join(base.config.dataDir, 'demo'));
      const ctx = createContext({ file: global.config, overrides: { dataDir } });
      const site = await startDemoSite();
      try {
        process.stderr.write(`demo site: ${site.baseUrl} (Weibo-like JSON, GBK Discuz! forum, RSS feed)\ndemo data: ${dataDir}\n`);
        const { definitions, errors } = loadDefinitions(DEMO_CRAWLERS);
        for (const e of errors) process.stderr.write(`invalid demo file: ${e.message}\n`);
        for (const def of definitions) {
          const progress = progressPrinter(def.name);
          const r = await runCrawl(ctx, { ...def, env: { ...def.env, DEMO_BASE: site.baseUrl } }, { trigger: 'demo', onProgress: (t) => progress.update(t) });
          progress.done();
          process.stderr.write(`${def.name}: ${r.status}, ${r.totals.pages} page(s), ${r.totals.newPosts} new post(s), ${r.totals.seenPosts} already stored${r.errors[0] ? `; ${r.errors[0]}` : ''}\n`);
        }
        const out: string[] = ['', '== 演示结果 / demo summary =='];
        const byPlatform = postsByPlatform(ctx.db);
        out.push(`posts stored: ${byPlatform.reduce((n, p) => n + p.posts, 0)} (${byPlatform.map((p) => `${p.platform} ${p.posts}`).join(', ')})`);
        out.push(`posts through the pipeline: ${byPlatform.reduce((n, p) => n + p.processed, 0)}`);
        const leads = leadsByCategory(ctx.db);
        if (leads.length > 0) {
          out.push(`leads: ${leads.reduce((n, l) => n + l.leads, 0)}`);
          for (const l of leads) out.push(`  ${CATEGORIES[l.category as keyof typeof CATEGORIES] ?? l.category} (${l.category}) ${l.urgency === 'urgent' ? '紧急' : '一般'}: ${l.leads}`);
        } else {
          out.push('leads: none yet (no rules engine step registered in src/pipeline/steps.ts, or no rule matched)');
        }
        out.push('', `browse them: DATA_DIR=${dataDir} npm start`);
        process.stdout.write(`${out.join('\n')}\n`);
        if (opts.keepRunning) {
          process.stderr.write('demo site keeps running; Ctrl-C to stop\n');
          await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
        }
      } finally {
        await site.close();
        ctx.db.close();
      }
    });
}
