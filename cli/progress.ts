/**
 * Progress of the long commands on standard error, so standard output stays the result (a file
 * name, a table, the report's bytes with `--out -`). On a terminal a counter rewrites its line; in a
 * log it prints a line at most every few seconds.
 */
const EVERY_MS = 3000;

export interface Progress {
  /** A step begun ("gathering the year's articles"). */
  step(text: string): void;
  /** A running count; shown at most every few seconds unless on a terminal. */
  count(text: string): void;
  /** Ends the counter's line. */
  done(): void;
}

export function progress(command: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  let lastCount = Number.NEGATIVE_INFINITY;
  let counting = false;
  return {
    step(text) {
      if (counting) stream.write("\n");
      counting = false;
      stream.write(`presswatch ${command}: ${text}… (${elapsed()})\n`);
    },
    count(text) {
      if (stream.isTTY) {
        stream.write(`\r  ${text}`);
        counting = true;
      } else if (performance.now() - lastCount >= EVERY_MS) {
        lastCount = performance.now();
        stream.write(`presswatch ${command}: ${text} (${elapsed()})\n`);
      }
    },
    done() {
      if (counting) stream.write("\n");
      counting = false;
    },
  };
}
