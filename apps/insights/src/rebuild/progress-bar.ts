/** `[#####-----] 500/1000 50.0%`: messages done of the total, as a bar of `width` cells. */
export function formatProgress(done: number, total: number, width = 30): string {
  const share = total > 0 ? Math.min(done / total, 1) : 1;
  const filled = Math.round(share * width);
  const percent = (share * 100).toFixed(1).padStart(5);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${percent}%`;
}

/**
 * One line on a terminal stream, rewritten in place with `\r`, at most every `intervalMs`
 * (always on the last update). No dependency: a progress bar is a string.
 */
export class ProgressBar {
  private lastDrawn = 0;
  private lastLength = 0;

  constructor(
    private readonly stream: { write(text: string): unknown },
    private readonly label: string,
    private readonly intervalMs = 100,
  ) {}

  update(done: number, total: number, now = Date.now()): void {
    if (done < total && now - this.lastDrawn < this.intervalMs) return;
    this.lastDrawn = now;
    const line = `${this.label} ${formatProgress(done, total)}`;
    this.stream.write(`\r${line.padEnd(this.lastLength)}`);
    this.lastLength = line.length;
  }

  /** Ends the line, so that what is written next starts on a new one. */
  finish(): void {
    if (this.lastLength > 0) this.stream.write('\n');
    this.lastLength = 0;
  }
}
