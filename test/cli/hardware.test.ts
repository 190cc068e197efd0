import { runCommand } from "citty";
import { describe, expect, it } from "vitest";
import { hardwareCommand } from "../../src/cli/commands/hardware.js";
import type { Io } from "../../src/cli/io.js";
import { InputError } from "../../src/units/InputError.js";

// Runs the command object in-process with a fake Io (as test/cli/run.ts does for the whole CLI), so the
// tests do not depend on the command being registered in runCli yet.
async function hw(rawArgs: string[], files: Record<string, string> = {}) {
  let stdout = "";
  const io: Io = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: () => {},
    readText: (p) => {
      if (p in files) return files[p]!;
      throw Object.assign(new Error("no such file"), { code: "ENOENT" });
    },
    writeText: () => {},
    isTTY: false,
  };
  await runCommand(hardwareCommand(io), { rawArgs });
  return stdout;
}

const myChip = {
  name: "my-chip",
  vendor: "Acme",
  kind: "npu",
  peakFlopsPerSecond: { fp32: 1e13, bf16: 2e14 },
  memoryBytes: 64e9,
  memoryBytesPerSecond: 2e12,
  intraNode: { name: "AcmeLink", bytesPerSecond: 100e9, latencySeconds: 3e-6 },
  interNode: { name: "Ethernet", bytesPerSecond: 12.5e9, latencySeconds: 10e-6 },
  devicesPerNode: 4,
  tdpWatts: 350,
  sources: { all: "Acme datasheet (test)" },
};

describe("scalecast hardware", () => {
  it("list shows every accelerator with its dense 16-bit peak", async () => {
    const out = await hw(["list"]);
    for (const name of [
      "v100-32gb",
      "a100-80gb",
      "h100-sxm",
      "h200",
      "b200",
      "mi300x",
      "tpu-v4",
      "tpu-v5p",
      "had19-target",
    ])
      expect(out).toContain(name);
    expect(out).toMatch(/h100-sxm\s+NVIDIA\s+989 TFLOP\/s/);
  });

  it("list --json is the validated catalog", async () => {
    const doc = JSON.parse(await hw(["list", "--json"])) as { name: string }[];
    expect(doc).toHaveLength(26); // with the corpus's DGX-2H and Grand Teton devices and the A800 and H800 export variants
  });

  it("show h100-sxm prints every field with units and sources (H100 datasheet figures)", async () => {
    const out = await hw(["show", "h100-sxm"]);
    for (const text of [
      "989 TFLOP/s",
      "1.98 PFLOP/s",
      "66.9 TFLOP/s",
      "79.6 GiB", // nvidia-smi memory.total 81,559 MiB
      "3.35 TB/s",
      "450 GB/s",
      "50.0 GB/s",
      "5.7 µs",
      "700 W",
      "$12.3/h",
    ])
      expect(out).toContain(text);
    expect(out).toContain("NVIDIA H100 Tensor Core GPU datasheet");
    expect(out).toContain("p5.48xlarge");
  });

  it("show --json gives base units", async () => {
    const doc = JSON.parse(await hw(["show", "a100-40gb", "--json"])) as {
      peakFlopsPerSecond: { bf16: number };
      memoryBytesPerSecond: number;
    };
    expect(doc.peakFlopsPerSecond.bf16).toBe(312e12);
    expect(doc.memoryBytesPerSecond).toBe(1555e9);
  });

  it("--catalog adds entries from a JSON file", async () => {
    const files = { "mine.json": JSON.stringify({ accelerators: [myChip] }) };
    expect(await hw(["list", "--catalog", "mine.json"], files)).toContain("my-chip");
    const out = await hw(["show", "my-chip", "--catalog", "mine.json"], files);
    expect(out).toContain("200 TFLOP/s");
    expect(out).toContain("Acme datasheet (test)");
  });

  it("an unknown name or a bad catalog is an InputError naming what is wrong", async () => {
    await expect(hw(["show", "h1000"])).rejects.toThrow(/hardware: got "h1000", expected one of .*h100-sxm/);
    const bad = { "bad.json": JSON.stringify([{ ...myChip, tdpWatts: 0 }]) };
    await expect(hw(["list", "--catalog", "bad.json"], bad)).rejects.toThrow(/"my-chip" field tdpWatts/);
    await expect(hw(["list", "--catalog", "missing.json"])).rejects.toBeInstanceOf(InputError);
    await expect(hw(["list", "--catalog", "x.json"], { "x.json": "{oops" })).rejects.toThrow(
      /--catalog: got "x.json", expected a JSON catalog/,
    );
  });
});
