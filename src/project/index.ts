export * from "./computeOptimal.js";
export * from "./interval.js";
export * from "./projectTarget.js";
