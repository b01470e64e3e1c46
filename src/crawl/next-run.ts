import cron from 'node-cron';

/** When the scheduler's cron would next start this schedule (node-cron's own matcher, the process's time zone). */
export function nextCronRun(expression: string, after: Date = new Date()): Date | null {
  const task = cron.createTask(expression, () => undefined);
  try {
    return task.getNextRuns(1).find((d) => d > after) ?? null;
  } finally {
    void task.destroy();
  }
}
