import { describe, expect, it } from "vitest";
import { run } from "./run.js";

// a plan of Llama 3 8B on eight H100s, the command line the flag checks below extend
const PLAN_8 = ["plan", "llama3-8b", "--hardware", "h100-sxm", "--devices", "8", "--global-batch", "8"];

// Issue acceptance: bad input gives a one-line error naming the problem and exit code 2.
const GOOD = "x,y\n1e6,4.1\n1e7,3.3\n1e8,2.8\n1e9,2.5\n1e10,2.3\n";

describe("CLI bad input: one line, exit code 2", () => {
  const cases: [string, string[], Record<string, string>, RegExp][] = [
    ["empty file", ["fit", "e.csv"], { "e.csv": "" }, /file/i],
    ["missing column", ["fit", "m.csv", "--x", "tokens"], { "m.csv": GOOD }, /tokens.*x, y|column/i],
    [
      "text in a numeric column",
      ["fit", "t.csv"],
      { "t.csv": "x,y\nabc,def\nghi,jkl\n" },
      /0 of 2 rows usable/,
    ],
    [
      "all x equal",
      ["fit", "q.csv", "--bootstrap", "0"],
      { "q.csv": "x,y\n5,1\n5,2\n5,3\n5,4\n5,5\n" },
      /x: got "all equal to 5", expected at least two distinct values/,
    ],
    [
      "fewer points than parameters",
      ["fit", "f.csv", "--law", "power"],
      { "f.csv": "x,y\n1,2\n10,1.5\n" },
      /rows: got 2, expected more points than the 3 parameters/,
    ],
    [
      "target below the irreducible error",
      ["project", "--law", "chinchilla-epoch", "--target", "1.5"],
      {},
      /target: got 1\.5, expected a loss above the irreducible loss E = 1\.82/,
    ],
    ["missing file", ["fit", "nope.csv"], {}, /FILE: got "nope.csv", expected a readable file/],
    // a library's field named as the flag the user typed
    [
      "PUE below 1",
      [
        "forecast",
        "--law",
        "chinchilla-epoch",
        "--target",
        "2.0",
        "--hardware",
        "h100-sxm",
        "--devices",
        "64",
        "--pue",
        "0.5",
      ],
      {},
      /^scalecast: --pue: got 0\.5, expected a power usage effectiveness ≥ 1/,
    ],
    // flags the command would otherwise ignore
    [
      "both device flags",
      [...PLAN_8, "--max-devices", "16"],
      {},
      /^scalecast: --max-devices: got "16", expected --devices or --max-devices, not both/,
    ],
    [
      "a deadline without the time objective",
      [...PLAN_8, "--tokens", "1B", "--deadline", "30d"],
      {},
      /^scalecast: --deadline: got "30d", expected --objective time as well/,
    ],
    [
      "a reference run without the HF rule",
      ["budget", "--flops", "1e24", "--hardware", "h100-sxm", "--reference-params", "1e9"],
      {},
      /^scalecast: --reference-params: got "1e9", expected --law hf/,
    ],
    [
      "a grid region for a fine-tune with no tokens",
      ["finetune", "llama2-7b", "--method", "lora", "--hardware", "h100-sxm", "--region", "france"],
      {},
      /^scalecast: --region: got "france", expected --tokens as well/,
    ],
    // a plain number where the unit is a guess: 30 seconds, 6 bytes
    [
      "deadline without a unit",
      ["budget", "--deadline", "30", "--hardware", "h100-sxm"],
      {},
      /^scalecast: --deadline: got "30", expected a quantity with its unit, e\.g\. 30d/,
    ],
    [
      "memory reserve without a unit",
      [...PLAN_8, "--memory-reserve", "6"],
      {},
      /^scalecast: --memory-reserve: got "6", expected a quantity with its unit, e\.g\. 6GiB/,
    ],
    [
      "zero batch",
      ["workload", "llama3-8b", "--batch", "0"],
      {},
      /^scalecast: --batch: got "0", expected an integer from 1 to 16777216 \(2\^24 samples\)/,
    ],
    [
      "unknown law preset",
      ["project", "--law", "gpt-17", "--target", "2"],
      {},
      /--law: got "gpt-17", expected a preset \(had19-word-lm, .*\) or a \.json law file/,
    ],
    [
      "unknown law family",
      ["fit", "g.csv", "--law", "cubic"],
      { "g.csv": GOOD },
      /--law: got "cubic", expected one of power/,
    ],
    ["bad huber delta", ["fit", "g.csv", "--huber-delta", "-1"], { "g.csv": GOOD }, /--huber-delta/],
    [
      "bad compute budget",
      ["project", "--law", "chinchilla-epoch", "--compute", "lots"],
      {},
      /--compute: got "lots"/,
    ],
    [
      "malformed fit JSON",
      ["project", "--law", "bad.json", "--target", "2"],
      { "bad.json": '{"law": "power"}' },
      /bad\.json: status/,
    ],
    ["unknown command", ["frobnicate"], {}, /frobnicate/i],
  ];
  for (const [name, argv, files, message] of cases) {
    it(name, async () => {
      const r = await run(argv, files);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    });
  }
});
