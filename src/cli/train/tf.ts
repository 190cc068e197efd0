import { createRequire } from "node:module";

/** The TensorFlow.js namespace (types only here; loaded at run time by {@link loadTf}). */
export type Tf = typeof import("@tensorflow/tfjs");

/** TensorFlow.js backends the trainer can use; both run without a native build or a download. */
export type TfBackend = "wasm" | "cpu";

let loaded: { tf: Tf; backend: TfBackend } | null = null;

/**
 * Load TensorFlow.js (`@tensorflow/tfjs`, Apache-2.0) with the WebAssembly backend
 * (`@tensorflow/tfjs-backend-wasm`, whose .wasm binaries ship inside the npm package) or the pure-JS CPU
 * backend. Loaded lazily, so CLI commands other than `train` never pay for it. Production mode silences
 * the library's "install tfjs-node" banner and debug checks.
 */
export async function loadTf(backend: TfBackend): Promise<Tf> {
  if (loaded && loaded.backend === backend) return loaded.tf;
  const require = createRequire(import.meta.url);
  const tf = require("@tensorflow/tfjs") as Tf;
  tf.enableProdMode();
  if (backend === "wasm") require("@tensorflow/tfjs-backend-wasm");
  const ok = await tf.setBackend(backend);
  if (!ok) throw new Error(`train: the TensorFlow.js ${backend} backend failed to initialise`);
  await tf.ready();
  loaded = { tf, backend };
  return tf;
}
