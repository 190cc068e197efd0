export * from "./amdIntel.js";
export * from "./google.js";
export * from "./had19.js";
export * from "./links.js";
export * from "./nvidiaHopperBlackwell.js";
export * from "./nvidiaInference.js";
export * from "./nvidiaVoltaAmpere.js";
export * from "./efficiencies.js";
