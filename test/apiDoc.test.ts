import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");

/** Every name the package root re-exports, values and types, read from src/index.ts. */
function rootExports(): string[] {
  const names: string[] = [];
  for (const m of read("../src/index.ts").matchAll(/export\s+(?:type\s+)?\{([^}]*)\}\s+from/g))
    for (const part of m[1]!.split(",")) {
      const name = part.trim().replace(/^type\s+/, "");
      if (name) names.push(name);
    }
  return names;
}

describe("the public API", () => {
  it("docs/API.md has one line per export of the package root, and nothing else", () => {
    const documented = [...read("../docs/API.md").matchAll(/^- `([A-Za-z0-9_]+)`/gm)].map((m) => m[1]!);
    expect(new Set(documented).size).toBe(documented.length);
    expect([...documented].sort()).toEqual([...rootExports()].sort());
  });

  it("every documented value export exists at run time; types are marked as types", () => {
    const doc = read("../docs/API.md");
    for (const name of rootExports()) {
      const isType = new RegExp("^- `" + name + "` \\*\\(type\\)\\*", "m").test(doc);
      expect(isType ? !(name in api) : name in api, name).toBe(true);
    }
  });
});
