import { z } from 'zod';

const PROXY_HOPS_HINT =
  '应为本应用前面反向代理的层数（0–10 的整数：0 表示没有代理，1 表示前面有一层 nginx 等）。不再接受 true：它会相信客户端自己填写的 X-Forwarded-For，伪造地址即可绕过按地址的登录限制';

/**
 * The one configuration schema. Every field has an environment variable
 * (ENV_VARS) and a default; a config file (JSON or YAML) may set any field,
 * and the environment overrides the file.
 */
export const configSchema = z
  .object({
    port: z.coerce.number().int().min(0).max(65535).default(3000),
    host: z.string().min(1).default('127.0.0.1'),
    dataDir: z.string().min(1).default('./storage'),
    crawlersDir: z.string().min(1).default('./crawlers'),
    rulesDir: z.string().min(1).default('./rules'),
    city: z.string().min(1).default('深圳'),
    logLevel: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
    scheduler: z.stringbool().or(z.boolean()).default(true),
    /**
     * Threads that run review-queue reads with their own read-only connection, so a keyword search
     * (a few ms of SQLite) does not hold the event loop every other request waits on. 0: inline.
     */
    queueReaders: z.coerce.number().int().min(0).max(8).default(1),
    /**
     * Threads that read the supervisors' period figures (a city month of hotspots or orders: hundreds
     * of ms) with their own read-only connection, apart from the queue's, so a cold figure delays only
     * the requests that wait for it. Started on the first figure asked for. 0: inline.
     */
    figureReaders: z.coerce.number().int().min(0).max(8).default(2),
    /**
     * After the store changes, a period figure read less than this many seconds ago is answered at
     * once (the page says when it was read) while it is read again in the background. 0: every
     * answer waits for a read of the current store.
     */
    figureMaxStaleSeconds: z.coerce.number().int().min(0).max(3600).default(30),
    chromiumPath: z.string().min(1).default('/usr/bin/chromium'),
    /**
     * 32 bytes (64 hex characters or base64) that encrypt platform accounts' cookies and tokens at
     * rest (AES-256-GCM). Unset: accounts cannot be saved or used; everything else works.
     */
    secretsKey: z.string().optional(),
    proxyUrls: z
      .preprocess((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v), z.array(z.url()))
      .default([]),
    urgentDispatchMinutes: z.coerce.number().int().positive().default(30),
    normalDispatchMinutes: z.coerce.number().int().positive().default(120),
    claimMinutes: z.coerce.number().int().positive().default(5),
    sessionTtlMinutes: z.coerce.number().int().positive().default(480),
    /**
     * Reverse proxies in front of the app (0: none; 1: one nginx). Only the X-Forwarded-For entries
     * they appended are believed, counted from the right; `true` (believe all) let a client write
     * its own address, so it is refused rather than guessed. `false` still means 0.
     */
    trustProxy: z
      .preprocess(
        (v) => (v === false || v === 'false' ? 0 : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
        z.number({ error: PROXY_HOPS_HINT }).int({ error: PROXY_HOPS_HINT }).min(0, { error: PROXY_HOPS_HINT }).max(10, { error: PROXY_HOPS_HINT }),
      )
      .default(0),
    crawlUserAgent: z.string().min(1).default('Mozilla/5.0 (compatible; CivicRadar/0.1; public-interest monitoring)'),
    crawlerReloadSeconds: z.coerce.number().int().min(0).default(30),
    workOrderAcceptMinutes: z.coerce.number().int().positive().default(60),
    urgentResolveHours: z.coerce.number().int().positive().default(24),
    normalResolveHours: z.coerce.number().int().positive().default(120),
    webhookDispatcher: z.stringbool().or(z.boolean()).default(true),
    webhookPollMs: z.coerce.number().int().min(50).default(1000),
    webhookTimeoutMs: z.coerce.number().int().min(100).default(10_000),
    webhookMaxAttempts: z.coerce.number().int().min(1).max(50).default(12),
    webhookBackoffBaseMs: z.coerce.number().int().min(10).default(5_000),
    webhookBackoffMaxMs: z.coerce.number().int().min(10).default(3_600_000),
    /** Login throttling (src/auth/login-throttle.ts), per LOGIN_WINDOW_MINUTES: failures for one account from one address, or from one browser that logged in to it before. */
    loginMaxFailuresPerAccount: z.coerce.number().int().positive().default(5),
    /** Failures from one address, any accounts (browsers new to the account). */
    loginMaxFailuresPerAddress: z.coerce.number().int().positive().default(30),
    /** Failures for one account from all browsers new to it, all addresses together (guessing spread over many addresses). */
    loginMaxFailuresNewDevices: z.coerce.number().int().positive().default(20),
    loginWindowMinutes: z.coerce.number().int().positive().default(15),
    leadIncidentWindowHours: z.coerce.number().positive().default(48),
    leadDuplicateWindowHours: z.coerce.number().positive().default(168),
    /** Collision (已诉/未诉): a hotline ticket and a lead further apart than this many days are never one problem. */
    collisionWindowDays: z.coerce.number().positive().max(365).default(30),
    /** Collision: the matcher's score (0–1: place, sub-item, time, text) at or above which a ticket is linked to a lead. */
    collisionMinScore: z.coerce.number().min(0).max(1).default(0.65),
    /** Judge with the trained model beside the rules (false: rules alone). */
    model: z.stringbool().or(z.boolean()).default(true),
    /** Folders of labelled JSON Lines that `train` learns from (comma-separated). */
    trainingDirs: z
      .preprocess((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v), z.array(z.string().min(1)))
      .default(['./rules/corpus', './test/engine/fixtures']),
    /** The shared real-text folder `train` reads in place (never copied); empty to skip. */
    realTextDir: z.string().default('../shared/datasets/real-text'),
    /** How far a candidate model may fall below the active one on any set and still be activated. */
    modelTolerance: z.coerce.number().min(0).max(1).default(0.01),
    /** 可能遗漏: posts turned down with a model probability from this value up to the accept bar are sampled. */
    missedFrom: z.coerce.number().min(0).max(1).default(0.2),
    /** 可能遗漏: at most this many posts a day (UTC). */
    missedDailyBudget: z.coerce.number().int().min(0).default(50),
    /** 可能遗漏: the share of eligible posts sampled (by a hash of the post, so re-runs agree). */
    missedSampleRate: z.coerce.number().min(0).max(1).default(1),
    /** Hotspots (热点): the time frame leads must fall in to count as one concentration at a place. */
    hotspotWindowDays: z.coerce.number().int().min(1).max(90).default(7),
    /** Hotspots: fewest leads at one street or place within the window. */
    hotspotMinLeads: z.coerce.number().int().min(2).default(3),
    /** City-wide classes (类案): a sub-item rising in at least this many districts. */
    classMinDistricts: z.coerce.number().int().min(2).default(3),
    /** 反复投诉: how far back a resolved order counts when the same problem comes back. */
    recurrenceDays: z.coerce.number().int().min(1).default(180),
    /** 每周一议: generate last week's report on this node-cron schedule (Beijing time); false turns it off. */
    weeklyReport: z.stringbool().or(z.boolean()).default(true),
    weeklyReportCron: z.string().min(1).default('0 8 * * 1'),
    /** 每周一议: how many reports are kept and listed (older ones are removed). */
    weeklyReportKeep: z.coerce.number().int().min(1).default(12),
    /** 市民随手拍 (src/citizen-reports/): reports one address may send per hour, and per 24 hours. */
    citizenReportsPerHour: z.coerce.number().int().min(1).default(5),
    citizenReportsPerDay: z.coerce.number().int().min(1).default(20),
    /** 市民随手拍: reports from all addresses together per 24 hours (a flood's ceiling). */
    citizenReportsGlobalPerDay: z.coerce.number().int().min(1).default(2000),
    /** 市民随手拍: photos per report, bytes per photo as uploaded, and the longest side of the stored re-encode. */
    citizenPhotoMaxFiles: z.coerce.number().int().min(0).max(10).default(3),
    citizenPhotoMaxBytes: z.coerce.number().int().min(10_000).max(50_000_000).default(8_000_000),
    citizenPhotoMaxDimension: z.coerce.number().int().min(200).max(8000).default(2048),
    /** 市民随手拍: the prefix of reference numbers (SZ-20261207-7KQ4M2XD). */
    citizenRefPrefix: z.string().regex(/^[A-Z]{1,4}$/).default('SZ'),
    /** 市民随手拍: days a report keeps the sender's network address (for abuse review); then it is blanked. */
    citizenAddressDays: z.coerce.number().int().min(1).max(365).default(30),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;

export const ENV_VARS: Record<keyof Config, string> = {
  port: 'PORT',
  host: 'HOST',
  dataDir: 'DATA_DIR',
  crawlersDir: 'CRAWLERS_DIR',
  rulesDir: 'RULES_DIR',
  city: 'CITY',
  logLevel: 'LOG_LEVEL',
  scheduler: 'SCHEDULER',
  queueReaders: 'QUEUE_READERS',
  figureReaders: 'FIGURE_READERS',
  figureMaxStaleSeconds: 'FIGURE_MAX_STALE_SECONDS',
  chromiumPath: 'CHROMIUM_PATH',
  secretsKey: 'SECRETS_KEY',
  proxyUrls: 'PROXY_URLS',
  urgentDispatchMinutes: 'URGENT_DISPATCH_MINUTES',
  normalDispatchMinutes: 'NORMAL_DISPATCH_MINUTES',
  claimMinutes: 'CLAIM_MINUTES',
  sessionTtlMinutes: 'SESSION_TTL_MINUTES',
  trustProxy: 'TRUST_PROXY',
  crawlUserAgent: 'CRAWL_USER_AGENT',
  crawlerReloadSeconds: 'CRAWLER_RELOAD_SECONDS',
  workOrderAcceptMinutes: 'WORK_ORDER_ACCEPT_MINUTES',
  urgentResolveHours: 'URGENT_RESOLVE_HOURS',
  normalResolveHours: 'NORMAL_RESOLVE_HOURS',
  webhookDispatcher: 'WEBHOOK_DISPATCHER',
  webhookPollMs: 'WEBHOOK_POLL_MS',
  webhookTimeoutMs: 'WEBHOOK_TIMEOUT_MS',
  webhookMaxAttempts: 'WEBHOOK_MAX_ATTEMPTS',
  webhookBackoffBaseMs: 'WEBHOOK_BACKOFF_BASE_MS',
  webhookBackoffMaxMs: 'WEBHOOK_BACKOFF_MAX_MS',
  loginMaxFailuresPerAccount: 'LOGIN_MAX_FAILURES_PER_ACCOUNT',
  loginMaxFailuresPerAddress: 'LOGIN_MAX_FAILURES_PER_ADDRESS',
  loginMaxFailuresNewDevices: 'LOGIN_MAX_FAILURES_NEW_DEVICES',
  loginWindowMinutes: 'LOGIN_WINDOW_MINUTES',
  leadIncidentWindowHours: 'LEAD_INCIDENT_WINDOW_HOURS',
  leadDuplicateWindowHours: 'LEAD_DUPLICATE_WINDOW_HOURS',
  collisionWindowDays: 'COLLISION_WINDOW_DAYS',
  collisionMinScore: 'COLLISION_MIN_SCORE',
  model: 'MODEL',
  trainingDirs: 'TRAINING_DIRS',
  realTextDir: 'REAL_TEXT_DIR',
  modelTolerance: 'MODEL_TOLERANCE',
  missedFrom: 'MISSED_FROM',
  missedDailyBudget: 'MISSED_DAILY_BUDGET',
  missedSampleRate: 'MISSED_SAMPLE_RATE',
  hotspotWindowDays: 'HOTSPOT_WINDOW_DAYS',
  hotspotMinLeads: 'HOTSPOT_MIN_LEADS',
  classMinDistricts: 'CLASS_MIN_DISTRICTS',
  recurrenceDays: 'RECURRENCE_DAYS',
  weeklyReport: 'WEEKLY_REPORT',
  weeklyReportCron: 'WEEKLY_REPORT_CRON',
  weeklyReportKeep: 'WEEKLY_REPORT_KEEP',
  citizenReportsPerHour: 'CITIZEN_REPORTS_PER_HOUR',
  citizenReportsPerDay: 'CITIZEN_REPORTS_PER_DAY',
  citizenReportsGlobalPerDay: 'CITIZEN_REPORTS_GLOBAL_PER_DAY',
  citizenPhotoMaxFiles: 'CITIZEN_PHOTO_MAX_FILES',
  citizenPhotoMaxBytes: 'CITIZEN_PHOTO_MAX_BYTES',
  citizenPhotoMaxDimension: 'CITIZEN_PHOTO_MAX_DIMENSION',
  citizenRefPrefix: 'CITIZEN_REF_PREFIX',
  citizenAddressDays: 'CITIZEN_ADDRESS_DAYS',
};
