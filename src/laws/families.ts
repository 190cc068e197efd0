import { brokenPowerLaw } from "./brokenPowerLaw.js";
import { chinchilla } from "./chinchilla.js";
import { kaplanND, kaplanNS } from "./kaplan.js";
import { powerLaw, powerLawNoFloor } from "./powerLaw.js";
import { threeRegion } from "./threeRegion.js";
import type { LawFamily, LawKind } from "./types.js";

/**
 * Every fittable family, by name: the one registry. The `--law` choices, the zod enums of presets and
 * fit JSON, `--law auto`'s candidates and the web app's list are all derived from it; adding a family is
 * its file plus one line here (see CONTRIBUTING.md, "Adding a law family").
 */
export const FAMILIES = {
  power: powerLaw,
  "power-no-floor": powerLawNoFloor,
  "three-region": threeRegion,
  chinchilla,
  "kaplan-nd": kaplanND,
  "kaplan-ns": kaplanNS,
  "broken-power": brokenPowerLaw,
} as const satisfies Readonly<Record<string, LawFamily>>;

/** Names of the scaling-law families scalecast fits and projects (the registry's keys). */
export type FamilyName = keyof typeof FAMILIES;

/** Family names in registry order, as a non-empty tuple (for `z.enum`, help text and menus). */
export const FAMILY_NAMES = Object.keys(FAMILIES) as [FamilyName, ...FamilyName[]];

/** Whether a string names a registered family. */
export function isFamilyName(name: string): name is FamilyName {
  return Object.hasOwn(FAMILIES, name);
}

/** The families of one kind, in registry order (e.g. every L(N, D) law). */
export function familiesOfKind(kind: LawKind): FamilyName[] {
  return FAMILY_NAMES.filter((n) => FAMILIES[n].kind === kind);
}
