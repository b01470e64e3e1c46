import path from 'node:path';
import type { AppContext } from '../../context.js';
import { runCrawl } from '../runner.js';
import { findPlatformFile, newPlatformFile } from './platform-file.js';
import { RejectedDefinition } from './rejected-text.js';
import { checkDefinitionText } from './text-check.js';

/** A dry run gives up after this long: the admin is waiting at the page. */
const DRY_RUN_LIMIT_MS = 90_000;

/** The posts the first page of an editor's text yields, with the run's errors and warnings; nothing is stored. */
export async function dryRunText(ctx: AppContext, input: { platform: string; yaml: string }) {
  const dir = path.resolve(ctx.config.crawlersDir);
  const file = findPlatformFile(dir, input.platform)?.file ?? newPlatformFile(dir, input.platform);
  const checked = checkDefinitionText(input.yaml, file, input.platform);
  if (!checked.ok) throw new RejectedDefinition(checked.issues);
  const result = await runCrawl(ctx, checked.definition, { dryRun: true, maxPages: 1, signal: AbortSignal.timeout(DRY_RUN_LIMIT_MS) });
  return {
    status: result.status,
    totals: result.totals,
    errors: result.errors,
    warnings: result.warnings,
    durationMs: result.durationMs,
    posts: result.preview.map((p) => ({
      id: p.platformPostId, title: p.title ?? null, text: p.text, url: p.url ?? null, author: p.author ?? null, publishedAt: p.publishedAt ?? null,
      ipLocation: p.ipLocation ?? null, likes: p.likes ?? null, comments: p.comments ?? null, shares: p.shares ?? null, views: p.views ?? null,
    })),
  };
}
