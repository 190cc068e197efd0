import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { commandLoaders, SUMMARIES } from "../../src/cli/runCli.js";
import { HAS_SHARED, SHARED_DATA } from "../sharedData.js";
import { run } from "./run.js";

// Issue 17: commands load what they need when they run (bench/startup.mjs times it; this checks what loads).

const dir = mkdtempSync(`${tmpdir()}/scalecast-startup-`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Packages (and scalecast's own modules, as "scalecast") a CLI run loads, from the built CLI. */
function loaded(args: string[]): Set<string> {
  const out = `${dir}/modules.txt`;
  const r = spawnSync(
    process.execPath,
    [
      "--import",
      fileURLToPath(new URL("./loadedModules.mjs", import.meta.url)),
      fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url)),
      ...args,
    ],
    { env: { ...process.env, SCALECAST_MODULES_FILE: out }, encoding: "utf8", timeout: 60_000 },
  );
  expect(r.status, r.stderr).toBe(0);
  return new Set(
    readFileSync(out, "utf8")
      .split("\n")
      .map(
        (u) => /node_modules\/((@[^/]+\/)?[^/]+)/.exec(u)?.[1] ?? (u.includes("/dist/") ? "scalecast" : u),
      ),
  );
}

describe("CLI startup loads what the command needs", () => {
  it("the root --help lists every command with its own description, without loading them", async () => {
    const help = (await run(["--help"])).stdout;
    for (const [name, load] of Object.entries(commandLoaders({} as never))) {
      const cmd = await load();
      const meta = await (typeof cmd.meta === "function" ? cmd.meta() : cmd.meta);
      expect(SUMMARIES[name], `SUMMARIES.${name}`).toBe(meta?.description);
      expect(help).toContain(name);
      expect(help).toContain(SUMMARIES[name]);
    }
  });

  it("an unknown command is one line and exit 2", async () => {
    const r = await run(["lawz"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("scalecast: Unknown command lawz; did you mean laws? (see scalecast --help)\n");
  });

  it("serve given a model name says that serving a model is scalecast inference", async () => {
    const r = await run(["serve", "llama3-70b"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "serve runs the browser app: serving a model (batch, layout, tokens/s) is scalecast inference",
    );
  });

  it("a missing argument points to the command's own help, not the root's", async () => {
    const r = await run(["calibrate"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "scalecast: Missing required positional argument: RUNS (see scalecast calibrate --help)\n",
    );
  });

  it("laws and hardware list load neither zod, the report (linkedom, Plot) nor the ONNX reader", () => {
    for (const args of [["laws"], ["hardware", "list"]]) {
      const pkgs = loaded(args);
      expect(pkgs.has("citty") && pkgs.has("scalecast"), "the module trace works").toBe(true);
      for (const heavy of ["zod", "linkedom", "@observablehq/plot", "@bufbuild/protobuf", "csv-parse"])
        expect(pkgs.has(heavy), `${args.join(" ")} loads ${heavy}`).toBe(false);
    }
  });

  it.skipIf(!HAS_SHARED)("workload model.onnx loads no zod and no protobuf library", () => {
    const pkgs = loaded(["workload", `${SHARED_DATA}onnx/models/light_vgg19.onnx`]);
    for (const heavy of ["zod", "linkedom", "@observablehq/plot", "@bufbuild/protobuf"])
      expect(pkgs.has(heavy), `workload .onnx loads ${heavy}`).toBe(false);
  });
});
