import { setFlagsFromString } from "node:v8";

/**
 * Let V8 run this process's functions longer in its interpreter and baseline compiler before its
 * optimizing compiler (TurboFan) takes them: 4x the default interrupt budget (67,584 bytes of bytecode
 * run in Node 20's V8 11.3). `scalecast workload model.onnx` on a light model analyses for about 0.2 s:
 * by default V8 optimized some 40 of the analysis's functions on helper threads, a third of the
 * process's CPU spent on code that then ran for a few milliseconds (densenet121: 0.54 -> 0.35 s process
 * CPU, interleaved runs; issue 17). A 100k-node graph, whose hot functions are still optimized soon
 * enough, and resnet50 were unchanged. The flag only moves when functions are optimized, nothing they
 * compute; Node keeps V8's flags writable at run time for v8.setFlagsFromString.
 */
export function tierUpLater(): void {
  setFlagsFromString("--interrupt-budget=270336");
}
