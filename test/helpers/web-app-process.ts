import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface AppProcess {
  baseUrl: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** The app in a child process on the same data dir (a second writer to the same SQLite file). */
export function spawnApp(dataDir: string, env: Record<string, string> = {}): Promise<AppProcess> {
  return spawnServer('test/helpers/serve-app.ts', { DATA_DIR: dataDir, RULES_DIR: path.resolve('rules'), CRAWLERS_DIR: path.resolve('crawlers'), ...env });
}

/** Runs a TypeScript server script that prints `listening <port>` and stops on SIGTERM. */
export function spawnServer(script: string, env: Record<string, string> = {}): Promise<AppProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(script)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`app process did not start in 30 s: ${out}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`app process exited with ${code}: ${out}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening (\d+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve({
        baseUrl: `http://127.0.0.1:${m[1]}`,
        child,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
