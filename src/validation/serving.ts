import { parseCaseFile } from "./parseCaseFile.js";
import { type ServingCase, ServingFileSchema } from "./servingCase.js";
import mlperf41Amd from "./serving/mlperf41-amd.json" with { type: "json" };
import mlperf41Hpe from "./serving/mlperf41-hpe.json" with { type: "json" };
import mlperf41Nvidia from "./serving/mlperf41-nvidia.json" with { type: "json" };
import trtllm2025 from "./serving/trtllm2025.json" with { type: "json" };

/** Every serving corpus file by its source id (the file's name). */
const FILES: Readonly<Record<string, unknown>> = {
  "mlperf41-amd": mlperf41Amd,
  "mlperf41-hpe": mlperf41Hpe,
  "mlperf41-nvidia": mlperf41Nvidia,
  trtllm2025: trtllm2025,
};

/**
 * Validate one serving corpus file: {@link ServingFileSchema}, every case's `source.id` equal to the
 * file's name, case names unique.
 *
 * @throws InputError naming the file, the case (by name or index) and the field.
 */
export function parseServingFile(file: string, data: unknown): ServingCase[] {
  return parseCaseFile(ServingFileSchema, `serving/${file}.json`, file, data);
}

/**
 * The serving corpus of issue 15: measured inference throughputs and latencies (MLPerf Inference results,
 * framework performance tables), one JSON file per source under `src/validation/serving/`, validated when
 * this module loads. Pure: the files are bundled as JSON modules.
 */
export const SERVING_CORPUS: readonly ServingCase[] = Object.freeze(
  Object.entries(FILES).flatMap(([file, data]) => parseServingFile(file, data)),
);

/** One source of the serving corpus with its case counts. */
export interface ServingSource {
  id: string;
  citation: string;
  cases: number;
  /** Cases read in a stored copy of the source. */
  read: number;
}

/** The serving corpus's sources in file order, with their case counts. */
export function servingSources(corpus: readonly ServingCase[] = SERVING_CORPUS): ServingSource[] {
  const byId = new Map<string, ServingSource>();
  for (const c of corpus) {
    const s = byId.get(c.source.id) ?? { id: c.source.id, citation: c.source.citation, cases: 0, read: 0 };
    s.cases += 1;
    if (c.verified === "read") s.read += 1;
    byId.set(c.source.id, s);
  }
  return [...byId.values()];
}
