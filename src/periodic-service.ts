import type { AppContext, Service } from './context.js';

/**
 * A service that runs one pass at start and then every `everyMs`: a pass that throws is logged and
 * tried again on the next one. `pass` returns a summary with `tickets` (or any count) to log when it
 * did something.
 */
export function periodicService(
  ctx: AppContext,
  o: { name: string; everyMs: number; pass: () => { tickets: number }; did: string; failed: string },
): Service {
  let timer: NodeJS.Timeout | undefined;
  const run = () => {
    try {
      const sum = o.pass();
      if (sum.tickets > 0) ctx.log.info(sum, o.did);
    } catch (err) {
      ctx.log.error({ err }, o.failed);
    }
  };
  return {
    name: o.name,
    async start() {
      run();
      timer = setInterval(run, o.everyMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
