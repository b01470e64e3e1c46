import type { Command } from 'commander';
import { platformStatus } from '../../crawl/platform-status.js';
import { contextFor } from '../cli-context.js';
import { intOption } from '../int-option.js';

const STATE_ZH: Record<string, string> = { ok: '正常', failing: '失败', backing_off: '退避中', disabled: '已停用', invalid: '配置错误', login_required: '需要登录', captcha: '出现验证码', empty_pages: '返回空页' };

export function registerPlatforms(program: Command): void {
  program
    .command('platforms')
    .description('list configured platforms with their health and last runs')
    .option('--runs <n>', 'recent runs to show per platform', intOption(0), 3)
    .option('--json', 'print JSON')
    .action((opts: { runs: number; json?: boolean }, cmd: Command) => {
      const ctx = contextFor(cmd);
      try {
        const { dir, platforms: rows, invalidFiles } = platformStatus(ctx, opts.runs);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ platforms: rows, invalidFiles }, null, 2)}\n`);
          return;
        }
        process.stdout.write(`crawlers in ${dir}\n`);
        for (const r of rows) {
          const h = r.health;
          process.stdout.write(`\n${r.platform}${r.displayName ? ` (${r.displayName})` : ''}  ${r.valid ? `[${r.engine}, ${r.cron}]` : `[file does not load: ${r.file}]`}${r.demo ? ' demo' : ''}\n`);
          for (const issue of r.error?.issues ?? []) process.stdout.write(`  invalid: ${issue.field ? `field "${issue.field}": ` : ''}${issue.message}\n`);
          process.stdout.write(`  state: ${r.state} ${STATE_ZH[r.state] ?? ''}; last success: ${h?.last_success_at ?? 'never'}; consecutive failures: ${h?.consecutive_failures ?? 0}${h?.next_attempt_at ? `; next attempt: ${h.next_attempt_at}` : ''}\n`);
          if (h?.last_error) process.stdout.write(`  last error: ${h.last_error.split('\n')[0]}\n`);
          for (const run of r.runs) {
            process.stdout.write(`  run #${run.id} ${run.trigger} ${run.started_at} → ${run.ended_at ?? '…'}: ${run.status}, ${run.pages} page(s), ${run.new_posts} new, ${run.errors} error(s)\n`);
          }
        }
        if (rows.length === 0) process.stdout.write('no crawler files; add one (see crawlers/README.md)\n');
      } finally {
        ctx.db.close();
      }
    });
}
