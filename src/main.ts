import { createContext } from './context.js';
import { CivicRadarError } from './errors.js';
import { serviceFactories } from './services.js';

/** Composition root: configuration, store, then every service; stops cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const ctx = createContext();
  const services = serviceFactories.map((make) => make(ctx));
  for (const service of services) {
    await service.start();
    ctx.log.info({ service: service.name }, 'service started');
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    ctx.log.info({ signal }, 'stopping');
    for (const service of [...services].reverse()) {
      await service.stop().catch((err: unknown) => ctx.log.error({ err, service: service.name }, 'service failed to stop'));
    }
    ctx.db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof CivicRadarError) {
    process.stderr.write(`civic-radar: ${err.message}\n`);
  } else {
    process.stderr.write(`civic-radar: unexpected error at start: ${(err as Error).stack ?? String(err)}\n`);
  }
  process.exit(1);
});
