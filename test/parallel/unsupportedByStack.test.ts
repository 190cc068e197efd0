import { describe, expect, it } from "vitest";
import { FRAMEWORK_PROFILES } from "../../src/parallel/frameworkProfiles.js";
import { unsupportedByStack } from "../../src/parallel/unsupportedByStack.js";

describe("unsupportedByStack: a fixed layout against the stack's profile", () => {
  it("names each field the stack does not run, as its profile's supports say", () => {
    // DeepSpeed's pipeline engine asserts ZeRO stage < 2 (deepspeed/runtime/pipe/engine.py)
    expect(unsupportedByStack({ pp: 4, zero: 2 }, FRAMEWORK_PROFILES.deepspeed)).toEqual([
      "zero 2: deepspeed runs ZeRO 0, 1 with pipeline stages",
    ]);
    // llm-foundry's FSDP: data parallelism only, whole-block recompute
    expect(unsupportedByStack({ tp: 8, pp: 2, recompute: "selective" }, FRAMEWORK_PROFILES.fsdp)).toEqual([
      "tp 8: fsdp has no tensor parallelism",
      "pp 2: fsdp has no pipeline parallelism",
      "recompute selective: fsdp offers recompute none, full",
    ]);
  });

  it("passes what the stack runs, and the degree 1 of what it lacks", () => {
    expect(
      unsupportedByStack(
        { tp: 8, pp: 8, vp: 4, cp: 2, sp: true, zero: 1 },
        FRAMEWORK_PROFILES["megatron-core"],
      ),
    ).toEqual([]);
    expect(unsupportedByStack({ tp: 1, pp: 1, zero: 1 }, FRAMEWORK_PROFILES.ddp)).toEqual([]);
  });
});
