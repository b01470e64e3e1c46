import { CATEGORIES, type Category } from '../domain/categories.js';
import { platformNames } from '../crawl/platform-names.js';
import type { AppContext } from '../context.js';
import { subItemCatalogue } from '../workorders/sub-item-catalogue.js';

export const UNPLACED = '未定位';

/** The Chinese names supervisors read for codes: category, sub-item (事项), platform. */
export interface Labels {
  category(code: string): string;
  subItem(code: string | null): string;
  platform(key: string): string;
}

export function labels(ctx: AppContext): Labels {
  const items = subItemCatalogue(ctx.config.rulesDir);
  const platform = platformNames(ctx.config.crawlersDir);
  return {
    category: (c) => CATEGORIES[c as Category] ?? c,
    subItem: (s) => (s ? (items.get(s)?.name ?? s) : '未细分事项'),
    platform,
  };
}
