import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "../cli/run.js";
import { OnnxBuilder } from "./buildOnnx.js";
import { HAS_ONNX, ONNX_DIR } from "./onnxHelpers.js";

// one folder for every file this test writes, removed at the end
const dir = mkdtempSync(`${tmpdir()}/scalecast-onnx-`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let written = 0;

/** A one-layer transformer-ish graph with free `batch` and `sequence` and an operator with no rule. */
function tinyDecoder(unknownOp: boolean): string {
  const b = new OnnxBuilder();
  const x = b.input("x", ["batch", "sequence", 64]);
  const qkv = b.node(
    "Attention",
    [x, b.weight("w", [64, 192]), b.weight("b", [192])],
    { num_heads: 4 },
    1,
    "com.microsoft",
  );
  let y = b.node("MatMul", [qkv, b.weight("o", [64, 64])]);
  if (unknownOp) y = b.node("Trilu", [y]);
  b.output(y);
  const path = `${dir}/tiny-${written++}.onnx`;
  writeFileSync(path, b.bytes());
  return path;
}

describe("scalecast workload model.onnx", () => {
  it("--json has the analytic keys plus unknownOps and symbolic; --dim binds batch and sequence", async () => {
    const r = await run([
      "workload",
      tinyDecoder(false),
      "--dim",
      "batch=2",
      "--dim",
      "sequence=16",
      "--json",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    for (const k of ["params", "forward", "step", "memory", "byLayer", "unknownOps", "symbolic"])
      expect(j).toHaveProperty(k);
    // params: 64·192 + 192 + 64·64 = 16,576
    expect(j.params.total).toBe(16_576);
    // by hand, per (batch, sequence) token: QKV 2·64·192 + 192 bias, output 2·64·64; attention with S = sequence:
    // scores and context 2·2·4·S·16 = 256·S, softmax 5·4·S = 20·S → 32960·b·s + 276·b·s²
    expect(j.symbolic.forwardFlops).toBe("276*batch*sequence^2 + 32960*batch*sequence");
    expect(j.forward.flops).toBe(276 * 2 * 16 * 16 + 32960 * 2 * 16);
    expect(j.forward.unit).toBe("token");
    expect(j.execution).toMatchObject({ batch: 2, seq: 16 });
    expect(j.unknownOps).toEqual({});
  });

  it("unknown operators are listed with counts; --strict fails with exit code 2", async () => {
    const path = tinyDecoder(true);
    const j = JSON.parse((await run(["workload", path, "--json"])).stdout);
    expect(j.unknownOps).toEqual({ Trilu: 1 });
    const strict = await run(["workload", path, "--strict"]);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(/--strict.*Trilu/);
  });

  it("a corrupt file and a bad --dim are InputErrors (exit 2)", async () => {
    writeFileSync(`${dir}/bad.onnx`, "not a protobuf at all");
    expect((await run(["workload", `${dir}/bad.onnx`])).code).toBe(2);
    expect((await run(["workload", tinyDecoder(false), "--dim", "batch"])).code).toBe(2);
    expect((await run(["workload", `${dir}/missing.onnx`])).code).toBe(2);
  });

  it.skipIf(!HAS_ONNX)("light_resnet50.onnx prints the step, the graph and --by-op nodes", async () => {
    const r = await run(["workload", `${ONNX_DIR}models/light_resnet50.onnx`, "--by-op"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/params\s+total 25\.56M|25557032|2\.556e\+?7/);
    expect(r.stdout).toMatch(/graph\s+415 nodes/);
    expect(r.stdout).toMatch(/Conv\tcosted/);
  });

  it.skipIf(!HAS_ONNX)(
    "the graph lines print every total as the JSON has it, to 4 figures (VGG-19: 1.963e10 MACs, not 1.963e+1)",
    async () => {
      for (const m of ["light_vgg19", "light_resnet50", "light_densenet121"]) {
        const path = `${ONNX_DIR}models/${m}.onnx`;
        const text = (await run(["workload", path])).stdout;
        const g = JSON.parse((await run(["workload", path, "--json"])).stdout).graph;
        const line = /^ {11}(\S+) params, (\S+) MACs, (\S+) forward FLOP, (\S+) bytes/m.exec(text);
        expect(line, m).not.toBeNull();
        const printed = line!.slice(1, 5).map(Number);
        [g.params, g.macs, g.forwardFlops, g.bytesAccessed].forEach((v: number, i) =>
          expect(Math.abs(printed[i]! / v - 1), `${m} value ${i}: ${line![i + 1]} vs ${v}`).toBeLessThan(
            5e-4,
          ),
        );
        // torchvision's model card: VGG-19 19.63 GMACs (also test/validation/onnx-torchvision.test.ts)
        if (m === "light_vgg19") expect(printed[1]! / 19.63e9).toBeCloseTo(1, 3);
      }
    },
  );
});
