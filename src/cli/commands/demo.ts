import path from 'node:path';
import type { Command } from 'commander';
import { createContext } from '../../context.js';
import { CATEGORIES } from '../../domain/categories.js';
import { leadsByCategory, postsByPlatform } from '../../storage/crawl-summary.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('start a local demo site with realistic Shenzhen posts, crawl it, run the pipeline and print a summary (no internet needed)')
    .option('--data-dir <dir>', 'where the demo store goes (default: DATA_DIR/demo, apart from real data); it prints the command that serves it')
    .option('--keep-running', 'keep the demo site up afterwards (Ctrl-C to stop)')
    .action(async (opts: { dataDir?: string; keepRunning?: boolean }, cmd: Command) => {
      // loaded when the command runs, not for every CLI start (--help, other commands)
      const [{ loadDefinitions }, { DEMO_CRAWLERS }, { progressPrinter }, { runCrawl }, { startDemoSite }, store] = await Promise.all([
        import('../../crawl/loader.js'), import('../../crawl/platform-names.js'), import('../../crawl/progress.js'), import('../../crawl/runner.js'), import('../../demo/demo-site.js'),
        import('../../demo/demo-store.js'),
      ]);
      const global = cmd.optsWithGlobals<{ config?: string }>();
      const base = createContext({ file: global.config });
      base.db.close();
      const dataDir = path.resolve(opts.dataDir ?? store.defaultDemoDir(base.config.dataDir));
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
        store.markDemoStore(dataDir, site.baseUrl);
        const account = await store.demoAccount(ctx.db);
        const out: string[] = ['', '== 演示结果 =='];
        const byPlatform = postsByPlatform(ctx.db);
        out.push(`已存帖子：${byPlatform.reduce((n, p) => n + p.posts, 0)} 条（${byPlatform.map((p) => `${p.platform} ${p.posts}`).join('，')}）`);
        out.push(`已判定：${byPlatform.reduce((n, p) => n + p.processed, 0)} 条`);
        const leads = leadsByCategory(ctx.db);
        if (leads.length > 0) {
          out.push(`线索：${leads.reduce((n, l) => n + l.leads, 0)} 条`);
          for (const l of leads) out.push(`  ${CATEGORIES[l.category as keyof typeof CATEGORIES] ?? l.category}（${l.urgency === 'urgent' ? '紧急' : '一般'}）：${l.leads}`);
        } else {
          out.push('线索：还没有（没有规则命中，或 src/pipeline/steps.ts 没有注册判定步骤）');
        }
        out.push(
          '', '在浏览器里看这些线索（演示库不运行真实采集）：', `  ${store.browseCommand(dataDir)}`,
          `然后打开 http://${ctx.config.host}:${ctx.config.port}/ ，用户名 ${account.name}，密码 ${account.password}（每次运行 demo 都会重新生成）`,
        );
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
