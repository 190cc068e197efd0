import { describe, expect, it } from "vitest";
import { parseDeadline, requireUnit } from "../../src/units/requireUnit.js";

describe("requireUnit: a plain number where the unit is the user's to say", () => {
  it("refuses a plain non-zero number, in any notation, naming the field and the forms", () => {
    for (const t of ["30", "6", " 2.5 ", "1e3", ".5", "-3"])
      expect(() => requireUnit(t, "--deadline", "30d")).toThrow(
        `--deadline: got "${t}", expected a quantity with its unit, e.g. 30d`,
      );
  });

  it("passes a quantity with a unit, and zero, unchanged", () => {
    for (const t of ["30d", "6GiB", "100 GB/s", "0", "0.0"]) expect(requireUnit(t, "f", "x")).toBe(t);
  });

  it("parseDeadline: a duration with its unit in seconds (30 days = 2,592,000 s), a plain number refused", () => {
    expect(parseDeadline("30d", "--deadline")).toBe(2_592_000);
    expect(parseDeadline("2 weeks", "--deadline")).toBe(1_209_600);
    expect(() => parseDeadline("30", "--deadline")).toThrow(
      '--deadline: got "30", expected a quantity with its unit, e.g. 30d, 720h or 2 weeks',
    );
  });
});
