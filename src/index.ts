/** scalecast public API: re-exports only. */
export * from "./fit/index.js";
export * from "./ingest/index.js";
export * from "./laws/index.js";
export * from "./project/index.js";
export * from "./units/index.js";
export * from "./workload/index.js";
export * from "./batch/index.js";
export * from "./hardware/index.js";
export * from "./parallel/index.js";
export * from "./graph/index.js";
export * from "./plan/index.js";
export * from "./report/index.js";
export * from "./sweep/index.js";
