/** Posts the imitation sites serve: id, text, author, time, IP location, engagement. */
export interface SitePost {
  id: string;
  text: string;
  title?: string;
  author: string;
  authorId: string;
  createdAt: Date;
  region: string;
  likes: number;
  comments: number;
  shares: number;
}

const PLACES = ['宝安区西乡街道', '固戍地铁站', '南山科技园', '福田区华强北', '龙华区民治街道', '龙岗区布吉街道', '罗湖区东门', '光明区公明街道'];
const PROBLEMS = [
  '路边井盖松动，晚上骑车差点摔倒，希望尽快处理',
  '小区门口污水外溢好几天了，味道很大',
  '路灯坏了一个星期，晚上一片漆黑很不安全',
  '工地夜间施工噪音太大，凌晨两点还在打桩',
  '人行道上共享单车乱停乱放，轮椅都过不去',
  '下水道堵塞，下雨天积水到小腿',
];

/** n posts, newest first, one every `spacingMinutes`, starting `startMinutesAgo` before now. */
export function makePosts(n: number, now: Date, opts: { prefix?: string; spacingMinutes?: number; startMinutesAgo?: number } = {}): SitePost[] {
  const spacing = opts.spacingMinutes ?? 7;
  const start = opts.startMinutesAgo ?? 1;
  return Array.from({ length: n }, (_, i) => {
    const place = PLACES[i % PLACES.length]!;
    const problem = PROBLEMS[i % PROBLEMS.length]!;
    return {
      id: `${opts.prefix ?? ''}${4951234567890000 + n - i}`,
      text: `深圳${place}${problem}。（第${n - i}条）`,
      title: `${place}${problem.slice(0, 8)}`,
      author: `市民${(n - i) % 97}号`,
      authorId: String(5000000000 + ((n - i) % 97)),
      createdAt: new Date(now.getTime() - (start + i * spacing) * 60_000),
      region: i % 5 === 4 ? '湖南' : '广东',
      likes: i * 3,
      comments: i % 11,
      shares: i % 4,
    };
  });
}

/** Weibo's created_at: "Sat Nov 21 18:29:52 +0800 2026" (Shanghai local time). */
export function weiboDate(d: Date): string {
  const local = new Date(d.getTime() + 8 * 3600_000);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[local.getUTCDay()]} ${months[local.getUTCMonth()]} ${p(local.getUTCDate())} ${p(local.getUTCHours())}:${p(local.getUTCMinutes())}:${p(local.getUTCSeconds())} +0800 ${local.getUTCFullYear()}`;
}

/** "2026-11-21 08:31" in Shanghai time, as forums show it. */
export function forumDate(d: Date): string {
  return weiboLocalIso(d).slice(0, 16).replace('T', ' ');
}

function weiboLocalIso(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString();
}

export function relativeZh(d: Date, now: Date): string {
  const min = Math.floor((now.getTime() - d.getTime()) / 60_000);
  if (min < 1) return '刚刚';
  if (min < 60) return `${min}分钟前`;
  if (min < 24 * 60) return `${Math.floor(min / 60)}小时前`;
  return forumDate(d).slice(5);
}
