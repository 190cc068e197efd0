import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { analyzeOnnx } from "../../src/graph/analyzeGraph.js";
import { graphStep } from "../../src/graph/graphStep.js";
import { onnxWorkload } from "../../src/graph/onnxWorkload.js";
import { InputError } from "../../src/units/InputError.js";
import { run } from "../cli/run.js";
import { OnnxBuilder } from "./buildOnnx.js";
import { HAS_ONNX, ONNX_DIR } from "./onnxHelpers.js";

// Issue 16 item 6: graphs that break ONNX's rules are refused with the offending tensor named, and a
// partial count never passes silently. Each case here was accepted (or hung) before the fix.

const dir = mkdtempSync(`${tmpdir()}/scalecast-onnx-edge-`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fails(bytes: Uint8Array, pattern: RegExp): void {
  let error: unknown;
  try {
    graphStep(analyzeOnnx(bytes, { field: "m.onnx" }));
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InputError);
  expect((error as Error).message).toMatch(pattern);
  expect((error as Error).message).not.toMatch(/\n/);
}

describe("ONNX edge cases (issue 16 item 6)", () => {
  it("a node reading its own output is a cycle, like a 2-node cycle", () => {
    const b = new OnnxBuilder();
    const x = b.input("x", [4]);
    b.nodeWithOutputs("Add", [x, "loop"], ["loop"]);
    b.output("loop", [4]);
    fails(b.bytes(), /node\[0\] Add_0: got "loop", expected an acyclic graph/);
  });

  it("two nodes writing one tensor, or a node overwriting an initializer, are refused with the name", () => {
    const b = new OnnxBuilder();
    const x = b.input("x", [4]);
    b.nodeWithOutputs("Relu", [x], ["y"]);
    b.nodeWithOutputs("Sigmoid", [x], ["y"]);
    b.output("y", [4]);
    fails(
      b.bytes(),
      /node\[1\] Sigmoid_1: got "y", expected an output name used once \(already the output of node\[0\]\)/,
    );
    const c = new OnnxBuilder();
    c.weight("w", [4]);
    c.nodeWithOutputs("Relu", [c.input("x", [4])], ["w"]);
    fails(c.bytes(), /got "w", expected an output name used once \(already a graph input or initializer\)/);
  });

  it("initializer data whose size contradicts its dims is refused, naming the tensor", () => {
    // dims [2, 3] of FLOAT need 6 values: 24 bytes of raw_data, or 6 float_data entries
    const raw = new OnnxBuilder();
    raw.tensor({ name: "w", dims: [2n, 3n], dataType: 1, rawData: new Uint8Array(20) });
    raw.output(raw.node("Relu", ["w"]));
    fails(raw.bytes(), /initializer\[0\] w\.raw_data: got "20 bytes", expected 24 bytes for dims \[2, 3\]/);
    const typed = new OnnxBuilder();
    typed.tensor({ name: "w", dims: [2n, 3n], dataType: 1, floatData: [1, 2, 3, 4, 5] });
    typed.output(typed.node("Relu", ["w"]));
    fails(typed.bytes(), /w\.float_data: got "5 values", expected 6 for dims \[2, 3\]/);
    const ext = new OnnxBuilder();
    ext.tensor({
      name: "w",
      dims: [2n, 3n],
      dataType: 1,
      dataLocation: 1,
      externalData: [
        { key: "location", value: "w.bin" },
        { key: "length", value: "4" },
      ],
    });
    ext.output(ext.node("Relu", ["w"]));
    fails(ext.bytes(), /w\.external_data: got "length 4", expected 24 bytes/);
    // and data of the right size, or none at all (a weight-stripped model), is accepted
    const ok = new OnnxBuilder();
    ok.tensor({ name: "w", dims: [2n, 3n], dataType: 1, rawData: new Uint8Array(24) });
    ok.tensor({ name: "v", dims: [2n, 3n], dataType: 1 });
    ok.output(ok.node("Add", ["w", "v"]));
    expect(analyzeOnnx(ok.bytes()).params.value).toBe(12);
  });

  it("a size that goes negative with a free dimension at 1 is refused, not printed as a count", () => {
    // Conv1d, kernel 3, on an input of unknown length L: output length L − 2, negative at L = 1
    const b = new OnnxBuilder();
    const x = b.input("x", [2, 4, "L"]);
    b.output(b.node("Conv", [x, b.weight("w", [5, 4, 3])], { kernel_shape: [3] }));
    fails(b.bytes(), /forward FLOP 240\*L - 480 = -240 with L taken as 1", expected non-negative counts/);
    // bound to a real length, the count is 2·(L−2)·5·4·3 per sample: 2·2·(10−2)·60 = 1920 for batch 2
    expect(graphStep(analyzeOnnx(b.bytes()), { dims: { L: 10 } }).graph.forwardFlops).toBe(1920);
  });

  it("unshaped nodes: a warning with the count on stderr and in JSON warnings, and --strict fails", async () => {
    const b = new OnnxBuilder();
    b.output(b.node("Relu", [b.input("x", [8])]));
    b.output(b.node("Sigmoid", [b.untypedInput("y")]));
    const path = `${dir}/unshaped.onnx`;
    writeFileSync(path, b.bytes());
    const r = await run(["workload", path, "--json"]);
    expect(r.code).toBe(0);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    // Relu's input has a shape, Sigmoid's input has none: 1 of the 2 nodes is unshaped
    expect(lines[0]).toMatch(/^scalecast: warning: .*unshaped\.onnx: 1 of 2 nodes could not be shaped/);
    expect(JSON.parse(r.stdout).warnings).toEqual([
      expect.stringMatching(/^1 of 2 nodes could not be shaped/),
    ]);
    const strict = await run(["workload", path, "--strict"]);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(/--strict: got "1 of 2 nodes could not be shaped/);
  });

  it.skipIf(!HAS_ONNX)("a clean model prints no warning", () => {
    const bytes = new Uint8Array(
      spawnSync("cat", [`${ONNX_DIR}models/light_squeezenet.onnx`], { encoding: "buffer" }).stdout,
    );
    expect(onnxWorkload(bytes, "light_squeezenet.onnx").warnings).toEqual([]);
  });

  it("a misspelt --dim or --batch on an .onnx model is refused, not ignored", async () => {
    const b = new OnnxBuilder();
    b.output(b.node("Relu", [b.input("x", ["batch", 4])]));
    const path = `${dir}/dims.onnx`;
    writeFileSync(path, b.bytes());
    const typo = await run(["workload", path, "--dim", "bacth=32"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe(
      `scalecast: --dim: got "bacth", expected one of the graph's free dimensions: batch (did you mean batch?)\n`,
    );
    // a dimension is a whole size, and a value that is not a number is refused, not taken as 1
    for (const bad of ["batch=0.5", "batch=abc"]) {
      const r = await run(["workload", path, "--dim", bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `scalecast: --dim: got "${bad}", expected name=value with a positive whole number, e.g. batch=32\n`,
      );
    }
    const batch = await run(["workload", path, "--batch", "32"]);
    expect(batch.code).toBe(2);
    expect(batch.stderr).toMatch(/--batch: got 32, expected --dim NAME=VALUE/);
  });

  it("a FIFO, /dev/zero or a directory named .onnx is refused with exit 2, never read forever", () => {
    // run as a process with a time limit: before the fix each of these hung in readFileSync
    const cli = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
    const fifo = `${dir}/pipe.onnx`;
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    symlinkSync("/dev/zero", `${dir}/zero.onnx`);
    mkdirSync(`${dir}/folder.onnx`);
    for (const [path, kind] of [
      [fifo, "a FIFO"],
      [`${dir}/zero.onnx`, "a device"],
      [`${dir}/folder.onnx`, "a directory"],
    ] as const) {
      const r = spawnSync(process.execPath, [cli, "workload", path], { timeout: 20_000, encoding: "utf8" });
      expect(r.signal, `${path} timed out`).toBeNull();
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(
        `scalecast: MODEL: got "${path}", expected a regular .onnx file (this is ${kind})\n`,
      );
    }
  });
});
