import { defineCommand } from "citty";
import { parseJsonDocument } from "../../ingest/parseJsonDocument.js";
import { FAMILIES } from "../../laws/families.js";
import type { Law } from "../../laws/law.js";
import { lawFromPreset } from "../../laws/law.js";
import { lawFromJson } from "../../laws/lawJson.js";
import { LAW_PRESETS, lawPreset } from "../../laws/presets/index.js";
import { lossAt, type Projection, projectTarget, stepsForTarget } from "../../project/projectTarget.js";
import { InputError } from "../../units/InputError.js";
import { parseCount } from "../../units/parseCount.js";
import { parseFlop } from "../../units/parseFlop.js";
import type { Io } from "../io.js";
import { numberOption } from "../options.js";
import { readFileText } from "../readRuns.js";
import { range95, renderTable, sig } from "../table.js";

/** A preset name, or the path of a JSON file written by `scalecast fit --json`. */
export function loadLaw(io: Io, spec: string): Law {
  if (LAW_PRESETS.some((p) => p.name === spec)) return lawFromPreset(lawPreset(spec));
  if (!/\.json$/i.test(spec))
    throw new InputError(
      "--law",
      spec,
      `a preset (${LAW_PRESETS.map((p) => p.name).join(", ")}) or a .json law file`,
    );
  let doc: unknown;
  try {
    doc = parseJsonDocument(
      readFileText(io, spec, "--law"),
      "--law",
      "a JSON file written by 'scalecast fit --json'",
    );
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(
      "--law",
      spec,
      "a JSON file written by 'scalecast fit --json' (it is not valid JSON)",
    );
  }
  return lawFromJson(doc, spec);
}

/** Human-readable projection. */
export function renderProjection(
  p: Projection,
  units: Law["units"] = {},
  reference?: Law["reference"],
): string {
  const row = (name: string, i: { value: number; ci95: [number, number] | null } | null, unit = "") =>
    i ? [name, sig(i.value), range95(i.ci95), unit] : null;
  const rows = [
    row(
      "target",
      p.target !== null ? { value: p.target, ci95: null } : null,
      units?.y ?? "the runs' y units",
    ),
    p.compute ? row("loss reached", p.loss, units?.y ?? "the runs' loss units") : null,
    row("data", p.data, units?.x ?? units?.d ?? (p.compute ? "tokens" : "the runs' x units")),
    row("model", p.model, "parameters"),
    row("compute", p.compute, "FLOP (6ND)"),
    row("data scale", p.dataScale, "x today's data"),
    row("model scale", p.modelScale, "x today's model"),
  ].filter((r): r is string[] => r !== null);
  const lines = [`projection (${p.law})`];
  if (reference?.error !== undefined)
    lines.push(
      `today: ${sig(reference.data)} ${units?.x ?? ""} at ${sig(reference.error)} ${units?.y ?? ""}`.replace(
        / +/g,
        " ",
      ),
    );
  lines.push(renderTable(["quantity", "value", "95% interval", "unit"], rows));
  for (const w of p.warnings) lines.push(`warning: ${w}`);
  return lines.join("\n");
}

/** `scalecast project`: what a target loss (or a compute budget) needs under a law. */
export function projectCommand(io: Io) {
  return defineCommand({
    meta: {
      name: "project",
      description: "Project the data, model and compute a target loss or error needs",
    },
    args: {
      law: { type: "string", description: "a preset (scalecast laws) or a fit JSON file", required: true },
      target: { type: "string", description: "target loss or error (default: the preset's desired error)" },
      compute: {
        type: "string",
        description: "compute budget, e.g. 5.88e23 or 6806 PF-days (L(N, D) laws)",
      },
      n: {
        type: "string",
        description: "parameters N: with --d, the loss at (N, D); for kaplan-ns, steps to the target",
      },
      d: { type: "string", description: "tokens D: with --n, the loss at (N, D)" },
      json: { type: "boolean", description: "print JSON" },
    },
    run({ args }) {
      const law = loadLaw(io, args.law);
      const n = args.n !== undefined ? parseCount(args.n, "--n", { allowUnit: true }) : undefined;
      const d = args.d !== undefined ? parseCount(args.d, "--d", { allowUnit: true }) : undefined;
      const target = numberOption(args.target, "--target", "a loss or error value") ?? law.reference?.target;
      if (n !== undefined && (d !== undefined || FAMILIES[law.family].kind === "ns")) {
        const result =
          d !== undefined
            ? { law: law.name, n, d, loss: lossAt(law, n, d), steps: undefined }
            : {
                law: law.name,
                n,
                target,
                loss: undefined,
                steps: stepsForTarget(law, n, requireTarget(target)),
              };
        if (args.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
        else if (result.loss)
          io.stdout(
            `loss at N = ${sig(n)}, D = ${sig(d)}: ${sig(result.loss.value, 4)} ${range95(result.loss.ci95)}\n`,
          );
        else if (result.steps)
          io.stdout(
            `steps S_min to reach ${target} with N = ${sig(n)}: ${sig(result.steps.value)} ${range95(result.steps.ci95)}\n`,
          );
        return;
      }
      const computeFlops = args.compute !== undefined ? parseFlop(args.compute, "--compute") : undefined;
      if (computeFlops !== undefined && !(computeFlops > 0 && Number.isFinite(computeFlops)))
        throw new InputError("--compute", args.compute, "a positive compute budget in FLOP");
      const projection = projectTarget(
        law,
        computeFlops !== undefined ? { computeFlops } : { target: requireTarget(target) },
      );
      // a target the law cannot reach (or a budget giving no finite loss) must not print with exit 0
      const reached = projection.loss.value;
      if (computeFlops !== undefined && !Number.isFinite(reached))
        throw new InputError("--compute", args.compute, "a budget at which the law gives a finite loss");
      if (computeFlops === undefined && !(Math.abs(reached - target!) <= 1e-3 * Math.abs(target!)))
        throw new InputError(
          "--target",
          target,
          `a loss the law reaches at some positive data size (the projection reaches ${sig(reached)})`,
        );
      if (args.json) io.stdout(`${JSON.stringify(projection, null, 2)}\n`);
      else io.stdout(`${renderProjection(projection, law.units, law.reference)}\n`);
    },
  });
}

function requireTarget(t: number | undefined): number {
  if (t === undefined)
    throw new InputError(
      "--target",
      undefined,
      "a target loss or error (this law has no published desired value)",
    );
  return t;
}
