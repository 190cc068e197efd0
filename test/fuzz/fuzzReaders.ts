import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { OnnxBuilder } from "../graph/buildOnnx.js";
import { FILES, sweepFixture } from "./commandCases.js";
import { mutateBytes, mutateText, picker } from "./fuzzGen.js";
import { describeCase, runCase, violation } from "./fuzzHarness.js";
import { KNOWN_FAILURES } from "./knownFailures.js";

/** Runs as TSV and JSON Lines (the same rows as FILES["runs.csv"]). */
const RUNS_TSV = FILES["runs.csv"]!.replaceAll(",", "\t");
const RUNS_JSONL = FILES["runs.csv"]!.trim()
  .split("\n")
  .slice(1)
  .map((l) => {
    const [x, y, params] = l.split(",").map(Number);
    return JSON.stringify({ x, y, params });
  })
  .join("\n");

/** A one-layer attention graph with a free batch dimension (test/graph/buildOnnx.ts). */
function tinyOnnx(): Uint8Array {
  const b = new OnnxBuilder();
  const x = b.input("x", ["batch", 16, 64]);
  const h = b.node("MatMul", [x, b.weight("w1", [64, 128])]);
  const r = b.node("Relu", [h]);
  b.output(b.node("MatMul", [r, b.weight("w2", [128, 64])]));
  return b.bytes();
}

/**
 * A reader under fuzz: the file it reads, the original bytes or text, how a mutated copy is run, and
 * whether it is read through the real file system (ONNX, sweep folders) or the virtual one.
 */
interface Reader {
  name: string;
  original: string | Uint8Array;
  argv: (path: string) => string[];
  /** where the mutated copy goes: a virtual name, or a real path in the sweep fixture */
  path: string;
  real: boolean;
}

/** Every reader of the CLI (issue 16 acceptance list), each with a small valid original. */
async function readers(fx: Awaited<ReturnType<typeof sweepFixture>>): Promise<Reader[]> {
  const point = readFileSync(join(fx.results, ".scalecast", "ids.txt"), "utf8").split("\n")[0]!;
  const out = join(fx.results, "runs", point, "out");
  const fitJson = (await runCase(["fit", "runs.csv", "--law", "power", "--bootstrap", "0", "--json"], FILES))
    .stdout;
  const sys = await runCase(
    ["calibrate", "cal.csv", "--hardware", "a100-80gb", "--out", join(fx.dir, "sys.json")],
    FILES,
  );
  if (sys.code !== 0 || fitJson === "") throw new Error(`reader fixtures: ${sys.stderr}`);
  const PLAN = [
    "--hardware",
    "h100-sxm",
    "--devices",
    "8",
    "--global-batch",
    "64",
    "--layout",
    "tp=2,pp=1,dp=4",
  ];
  return [
    {
      name: "runs CSV (fit)",
      original: FILES["runs.csv"]!,
      path: "f.csv",
      real: false,
      argv: (p) => ["fit", p, "--bootstrap", "0"],
    },
    {
      name: "runs TSV (fit)",
      original: RUNS_TSV,
      path: "f.tsv",
      real: false,
      argv: (p) => ["fit", p, "--bootstrap", "0"],
    },
    {
      name: "runs JSONL (fit)",
      original: RUNS_JSONL,
      path: "f.jsonl",
      real: false,
      argv: (p) => ["fit", p, "--bootstrap", "0"],
    },
    {
      name: "runs CSV (forecast)",
      original: FILES["runs.csv"]!,
      path: "f.csv",
      real: false,
      argv: (p) => [
        "forecast",
        p,
        "--law",
        "power",
        "--params",
        "params",
        "--target",
        "2.6",
        "--bootstrap",
        "0",
        "--hardware",
        "h100-sxm",
        "--devices",
        "8",
        "--no-sensitivity",
      ],
    },
    {
      name: "batch CSV (batch)",
      original: FILES["batch.csv"]!,
      path: "b.csv",
      real: false,
      argv: (p) => ["batch", p, "--bootstrap", "0"],
    },
    {
      name: "step times CSV (calibrate)",
      original: FILES["cal.csv"]!,
      path: "c.csv",
      real: false,
      argv: (p) => ["calibrate", p, "--hardware", "a100-80gb"],
    },
    {
      name: "model spec JSON (workload)",
      original: FILES["m.json"]!,
      path: "m2.json",
      real: false,
      argv: (p) => ["workload", p, "--batch", "4"],
    },
    {
      name: "model spec JSON (plan)",
      original: FILES["m.json"]!,
      path: "m2.json",
      real: false,
      argv: (p) => ["plan", p, ...PLAN],
    },
    {
      name: "catalog JSON (hardware list)",
      original: FILES["cat.json"]!,
      path: "c.json",
      real: false,
      argv: (p) => ["hardware", "list", "--catalog", p],
    },
    {
      name: "system JSON (plan --system)",
      original: readFileSync(join(fx.dir, "sys.json"), "utf8"),
      path: "s.json",
      real: false,
      argv: (p) => ["plan", "m.json", "--system", p, ...PLAN.slice(2)],
    },
    {
      name: "fit JSON (project --law)",
      original: fitJson,
      path: "l.json",
      real: false,
      argv: (p) => ["project", "--law", p, "--target", "2.6"],
    },
    {
      name: "ONNX (workload)",
      original: tinyOnnx(),
      path: join(fx.dir, "m.onnx"),
      real: true,
      argv: (p) => ["workload", p, "--dim", "batch=2"],
    },
    {
      name: "sweep file (sweep run)",
      original: readFileSync(fx.sweep, "utf8"),
      path: join(fx.dir, "s2.json"),
      real: true,
      argv: (p) => ["sweep", "run", p, "--results", join(fx.dir, "r2"), "--executor", "print"],
    },
    {
      name: "results sweep.json (sweep collect)",
      original: readFileSync(join(fx.results, "sweep.json"), "utf8"),
      path: join(fx.results, "sweep.json"),
      real: true,
      argv: () => ["sweep", "collect", fx.results],
    },
    {
      name: "metric log JSONL (sweep collect)",
      original: readFileSync(join(out, "metrics.jsonl"), "utf8"),
      path: join(out, "metrics.jsonl"),
      real: true,
      argv: () => ["sweep", "collect", fx.results, "--source", "logs"],
    },
    {
      name: "TensorBoard events (sweep collect)",
      original: new Uint8Array(readFileSync(join(out, "events.out.tfevents.1.fuzz"))),
      path: join(out, "events.out.tfevents.1.fuzz"),
      real: true,
      argv: () => ["sweep", "collect", fx.results, "--source", "tensorboard"],
    },
  ];
}

/** Run `perReader` seeded mutations of every reader's input; returns unknown failures and counts. */
export async function fuzzReaders(opts: { seed: number; perReader: number }) {
  const fx = await sweepFixture();
  const failures: string[] = [];
  let ran = 0;
  try {
    const list = await readers(fx);
    for (const [i, r] of list.entries()) {
      for (let k = 0; k < opts.perReader; k++) {
        const p = picker(opts.seed, i * 100_000 + k);
        const mutated =
          typeof r.original === "string" ? mutateText(r.original, p) : mutateBytes(r.original, p);
        const files = { ...FILES };
        if (r.real) writeFileSync(r.path, mutated);
        else files[r.path] = typeof mutated === "string" ? mutated : Buffer.from(mutated).toString("utf8");
        const res = await runCase(r.argv(r.path), files);
        ran++;
        const why = violation(res);
        if (why === undefined) continue;
        const line = `${r.name}, seed ${opts.seed} case ${k}: ${describeCase(res, why)}`.replaceAll(
          fx.dir,
          "$TMP",
        );
        if (!KNOWN_FAILURES.some((re) => re.test(line))) failures.push(line);
      }
      if (r.real) writeFileSync(r.path, r.original); // the next reader reads the fixture whole
    }
  } finally {
    fx.remove();
  }
  return { failures, ran };
}
