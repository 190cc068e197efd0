import { createReadStream, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** What a command may touch: output streams, files, and whether stderr is a terminal (for progress). */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  readText(path: string): string;
  writeText(path: string, text: string): void;
  /** True when progress bars may be drawn on stderr. */
  isTTY: boolean;
  /** True when stdout is a terminal that takes colour (not a pipe or file, no NO_COLOR); default false. */
  colour?: boolean;
  /**
   * Open a file for reading in chunks (large runs files): its size in bytes and its bytes. Optional: an
   * Io without it (tests with virtual files) is read whole with `readText`.
   */
  openRead?(path: string): { size: number; chunks: AsyncIterable<Uint8Array | string> };
  /**
   * Why `path` cannot be written (a missing folder, a directory, ...), or undefined when it can be
   * tried; checked before long work so that a bad output path fails first. Optional.
   */
  outputProblem?(path: string): string | undefined;
}

/** A file's stat, refusing what is not a regular file (a FIFO or /dev/zero would block or never end). */
function regularFile(path: string): { size: number } {
  const s = statSync(path);
  if (!s.isFile())
    throw Object.assign(new Error(`${path} is not a regular file`), {
      code: s.isDirectory() ? "EISDIR" : "not a regular file",
    });
  return s;
}

/** The process's own streams and file system. */
export const nodeIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  readText: (p) => {
    regularFile(p);
    return readFileSync(p, "utf8");
  },
  writeText: (p, t) => writeFileSync(p, t),
  isTTY: Boolean(process.stderr.isTTY),
  colour: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  openRead: (p) => {
    const { size } = regularFile(p);
    return { size, chunks: createReadStream(p, { highWaterMark: 1 << 20 }) };
  },
  outputProblem: (p) => {
    try {
      if (statSync(p).isDirectory()) return "it is a directory";
    } catch {
      // absent: its folder must exist
      try {
        if (!statSync(dirname(p)).isDirectory()) return `${dirname(p)} is not a directory`;
      } catch {
        return `the folder ${dirname(p)} does not exist`;
      }
    }
    return undefined;
  },
};
