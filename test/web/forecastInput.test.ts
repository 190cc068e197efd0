import { describe, expect, it } from "vitest";
import { InputError } from "../../src/units/InputError.js";
import { stepTimeError } from "../../src/validation/stepTimeError.js";
import { forecastInput } from "../../web/src/pages/forecastInput.js";

const form = { law: "chinchilla-epoch", goal: "target", value: "2.0", hardware: "h100-sxm", devices: "256" };

describe("the Forecast page's model-error input", () => {
  it("on by default: the intervals carry the corpus's out-of-sample error on the chosen hardware", () => {
    expect(forecastInput(form, null).modelError).toEqual(stepTimeError("h100-sxm"));
    expect(forecastInput({ ...form, modelError: "off" }, null).modelError).toBeUndefined();
  });

  it("anything else is refused, naming the field and the value", () => {
    expect(() => forecastInput({ ...form, modelError: "maybe" }, null)).toThrow(InputError);
    expect(() => forecastInput({ ...form, modelError: "maybe" }, null)).toThrow(
      /step-time model's error.*maybe/,
    );
  });
});
