import { it } from "vitest";
import { run } from "./cli/run.js";
it("probe", async () => {
  const t = "batch,steps\n0.5,10000\n64,5000\n128,2600\n256,1400\n512,900\n1024,700\n";
  for (const argv of [
    ["batch", "t.csv"],
    ["batch", "t.csv", "--json"],
    ["batch", "--b-small", "0.5", "--b-big", "8", "g.csv"],
    ["batch", "t.csv", "--base-batch", "0.5", "--base-lr", "0.1"],
    ["batch", "t.csv", "--per-device-batch", "0.5"],
  ]) {
    const r = await run(argv, { "t.csv": t, "g.csv": "g_small_sq,g_big_sq\n1,0.5\n1.1,0.4\n" });
    console.log(argv.join(" "), r.code, r.stdout.slice(0, 600), r.stderr);
  }
});
