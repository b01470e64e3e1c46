import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON lines on stderr, so that commands that write data to stdout
 * (classify, exports) stay pipeable.
 */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { app: 'civic-radar' }, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination(2));
}
