import { describe, expect, it } from "vitest";
import {
  formatLayout,
  isCompleteLayout,
  LAYOUT_DIMS,
  LAYOUT_FIELDS,
  layoutDevices,
  parseLayout,
} from "../../src/parallel/layout.js";
import { InputError } from "../../src/units/InputError.js";

describe("layout dimensions as data", () => {
  it("parses the issue's string, cp and ep included, and prints it back", () => {
    expect(parseLayout("tp=8,cp=16,pp=16,dp=8")).toEqual({ tp: 8, cp: 16, pp: 16, dp: 8 });
    const l = parseLayout("dp=4,tp=8,pp=2,cp=2,ep=4,vp=3,mb=1,recompute=full,sp=on,zero=1");
    expect(isCompleteLayout(l)).toBe(true);
    expect(formatLayout(l)).toBe("dp=4,tp=8,pp=2,cp=2,ep=4,vp=3,mb=1,recompute=full,sp=on,zero=1");
    expect(parseLayout(formatLayout(l))).toEqual(l);
  });

  it("devices = dp·tp·pp·cp: ep is carved out of dp and does not multiply", () => {
    expect(layoutDevices({ dp: 8, tp: 8, pp: 16, cp: 16 })).toBe(16384);
    expect(LAYOUT_DIMS.filter((d) => d.devices).map((d) => d.key)).toEqual(["tp", "cp", "pp", "dp"]);
    expect(new Set(LAYOUT_DIMS.map((d) => d.key))).toEqual(new Set(LAYOUT_FIELDS));
  });

  it("bad keys and values are InputErrors naming the field", () => {
    expect(() => parseLayout("tp=0")).toThrow(InputError);
    expect(() => parseLayout("cp=1.5")).toThrow(/--layout cp: got "1.5", expected a positive integer/);
    expect(() => parseLayout("zero=4")).toThrow(/zero: got "4", expected 0, 1, 2 or 3/);
    expect(() => parseLayout("sp=maybe")).toThrow(/on \| off/);
    expect(() => parseLayout("xx=1")).toThrow(/one of the keys dp, tp, pp, cp, ep/);
    expect(() => parseLayout("tp")).toThrow(/key=value/);
  });

  it("a key given twice is refused, not settled by whichever came last", () => {
    expect(() => parseLayout("tp=8,pp=2,tp=4")).toThrow(
      '--layout tp: got "tp=8,pp=2,tp=4", expected tp given once',
    );
  });
});
