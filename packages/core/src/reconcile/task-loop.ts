/** One periodic task of auto-sync. */
export interface LoopTask {
  name: string;
  /** The interval now (it may change, e.g. in event mode). */
  intervalMs(): number;
  run(signal: AbortSignal): Promise<void>;
}

/** What happened to one run of a task. */
export interface TaskRunEvent {
  task: string;
  startedAt: string;
  durationMs: number;
  error: unknown | null;
}

/**
 * Runs tasks on their intervals. A task never overlaps itself: the next run
 * is scheduled only after the current one ends. `stop()` aborts running tasks,
 * waits for them to finish, and schedules nothing more.
 */
export class TaskLoop {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly running = new Map<string, Promise<void>>();
  private controller = new AbortController();
  private active = false;

  constructor(
    private readonly tasks: readonly LoopTask[],
    private readonly onRun: (event: TaskRunEvent) => void,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get isRunning(): boolean {
    return this.active;
  }

  /** Start every task at once, then on its interval. Starting twice does nothing. */
  start(): void {
    if (this.active) return;
    this.active = true;
    this.controller = new AbortController();
    for (const task of this.tasks) this.schedule(task, 0);
  }

  /** Run one task now (unless it is already running, then wait for that run). */
  async runNow(name: string): Promise<void> {
    const task = this.tasks.find((t) => t.name === name);
    if (!task) throw new Error(`No task "${name}"`);
    await (this.running.get(name) ?? this.execute(task));
  }

  async stop(): Promise<void> {
    this.active = false;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.controller.abort();
    await Promise.allSettled([...this.running.values()]);
  }

  private schedule(task: LoopTask, delayMs: number): void {
    if (!this.active) return;
    const timer = setTimeout(() => {
      this.timers.delete(task.name);
      void this.execute(task).finally(() => this.schedule(task, task.intervalMs()));
    }, delayMs);
    timer.unref?.();
    this.timers.set(task.name, timer);
  }

  private execute(task: LoopTask): Promise<void> {
    const existing = this.running.get(task.name);
    if (existing) return existing;
    const startedAt = this.now();
    const run = task
      .run(this.controller.signal)
      .then(
        () => null,
        (error: unknown) => error,
      )
      .then((error) => {
        this.running.delete(task.name);
        this.onRun({
          task: task.name,
          startedAt: startedAt.toISOString(),
          durationMs: this.now().getTime() - startedAt.getTime(),
          error,
        });
      });
    this.running.set(task.name, run);
    return run;
  }
}
