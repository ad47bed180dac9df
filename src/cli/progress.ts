// A progress bar for long commands: drawn on a terminal, silent when output is piped or in CI.
export interface Progress {
  step(label: string, done: number, total: number): void;
  end(): void;
}

export function progress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || process.env.CI) return { step() {}, end() {} };
  let last = '';
  return {
    step(label, done, total) {
      const width = 30;
      const filled = total > 0 ? Math.round((done / total) * width) : width;
      const line = `\r${label.padEnd(22)} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${total > 0 ? Math.round((done / total) * 100) : 100}%`;
      if (line !== last) stream.write(line);
      last = line;
    },
    end() {
      if (last) stream.write('\n');
      last = '';
    },
  };
}
