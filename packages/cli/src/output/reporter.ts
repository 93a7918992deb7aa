import cliProgress from 'cli-progress';
import Table from 'cli-table3';

/** A progress display for one long task. */
export interface ProgressHandle {
  update(value: number, total?: number | null, note?: string): void;
  stop(note?: string): void;
}

/**
 * Where the CLI writes: tables and progress bars on a TTY, plain lines when
 * there is none (cron, CI, pipes), and a single JSON document with `--json`.
 */
export interface Reporter {
  readonly json: boolean;
  readonly tty: boolean;
  line(message: string): void;
  warn(message: string): void;
  table(
    title: string,
    head: readonly string[],
    rows: readonly (readonly (string | number | null | undefined)[])[],
  ): void;
  progress(label: string, total?: number | null): ProgressHandle;
  /** In `--json` mode, the document printed at the end; ignored otherwise. */
  result(data: unknown): void;
  flush(): void;
}

export interface ReporterOptions {
  json?: boolean;
  tty?: boolean;
  out?: NodeJS.WritableStream;
  err?: NodeJS.WritableStream;
}

/** Create the reporter for this run. */
export function createReporter(options: ReporterOptions = {}): Reporter {
  const out = options.out ?? process.stdout;
  const err = options.err ?? process.stderr;
  const json = options.json ?? false;
  const tty = !json && (options.tty ?? Boolean((out as NodeJS.WriteStream).isTTY));
  let document: unknown = null;
  const bars = new ConcurrentBars(out as NodeJS.WriteStream);
  const write = (text: string) => {
    if (!json) out.write(`${text}\n`);
  };
  return {
    json,
    tty,
    line: write,
    warn: (message) => err.write(`${json ? '' : '! '}${message}\n`),
    table(title, head, rows) {
      if (json) return;
      if (!tty) {
        write(`${title}:`);
        for (const row of rows) write(`  ${row.map((c, i) => `${head[i]}=${c ?? ''}`).join(' ')}`);
        if (rows.length === 0) write('  (none)');
        return;
      }
      const table = new Table({ head: [...head], style: { head: ['cyan'], compact: true } });
      for (const row of rows) table.push(row.map((c) => (c === null || c === undefined ? '' : String(c))));
      write(`\n${title}`);
      write(rows.length ? table.toString() : '  (none)');
    },
    progress(label, total) {
      if (json) return { update() {}, stop() {} };
      if (!tty) return plainProgress(label, write, total ?? null);
      return bars.add(label, total ?? 0);
    },
    result(data) {
      document = data;
    },
    flush() {
      if (json) out.write(`${JSON.stringify(document, null, 2)}\n`);
    },
  };
}

/** Progress as a few plain lines: the start, every 25%, and the end. */
function plainProgress(label: string, write: (s: string) => void, total: number | null): ProgressHandle {
  let lastQuarter = -1;
  let current = 0;
  let knownTotal = total;
  write(`${label}: started${knownTotal ? ` (${knownTotal})` : ''}`);
  return {
    update(value, newTotal) {
      current = value;
      if (newTotal != null) knownTotal = newTotal;
      if (!knownTotal) return;
      const quarter = Math.floor((value / knownTotal) * 4);
      if (quarter > lastQuarter && quarter < 4) {
        lastQuarter = quarter;
        write(`${label}: ${value}/${knownTotal}`);
      }
    },
    stop(note) {
      write(`${label}: done ${current}${knownTotal ? `/${knownTotal}` : ''}${note ? ` ${note}` : ''}`);
    },
  };
}

/** Progress bars on a TTY: several at once (e.g. one scan per channel) share one display. */
class ConcurrentBars {
  private multi: cliProgress.MultiBar | null = null;
  private active = 0;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  add(label: string, total: number): ProgressHandle {
    this.multi ??= new cliProgress.MultiBar(
      { format: '{label} {bar} {value}/{total} {note}', hideCursor: true, clearOnComplete: false, stream: this.stream },
      cliProgress.Presets.shades_classic,
    );
    this.active++;
    const bar = this.multi.create(total, 0, { label: label.padEnd(28), note: '' });
    let stopped = false;
    return {
      update: (value, newTotal, note) => {
        if (newTotal != null) bar.setTotal(newTotal);
        else if (value > bar.getTotal()) bar.setTotal(value);
        bar.update(value, { note: note ?? '' });
      },
      stop: (note) => {
        if (stopped) return;
        stopped = true;
        bar.update(bar.getTotal(), { note: note ?? '' });
        if (--this.active === 0) {
          this.multi?.stop();
          this.multi = null;
        }
      },
    };
  }
}
