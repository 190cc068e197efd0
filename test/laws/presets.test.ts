import { describe, expect, it } from "vitest";
import { LawPresetSchema } from "../../src/laws/preset.js";
import { LAW_PRESETS } from "../../src/laws/presets/index.js";

describe("published law presets", () => {
  // validated here rather than when the module loads (which would load zod for `scalecast laws`)
  it("every preset validates against LawPresetSchema, and the parse changes nothing (no defaults needed)", () => {
    for (const p of LAW_PRESETS) {
      const parsed = LawPresetSchema.safeParse(p);
      expect(parsed.success, `${p.name}: ${parsed.error?.message}`).toBe(true);
      expect(parsed.data, p.name).toEqual(p);
    }
    expect(new Set(LAW_PRESETS.map((p) => p.name)).size).toBe(LAW_PRESETS.length);
  });
});
