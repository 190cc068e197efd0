/**
 * Scaling-law families as data plus pure functions. A family predicts a loss or error y from one or two
 * positive inputs (data size m; or parameters N with tokens D or steps S). Fitting happens on log y
 * in an unconstrained parameter vector θ; `toPublic`/`toInternal` convert to the published names.
 * A family says what kind of law it is and how to invert it, so that fitting, projection, the forecast,
 * the CLI and the web app need no list of family names (the registry is `FAMILIES` in families.ts).
 */

/** Input roles: x = data size (HAD19's m), n = parameters, d = tokens, s = optimisation steps. */
export type InputRole = "x" | "n" | "d" | "s";

/**
 * What a family's inputs are, which decides how it is projected:
 * - `curve`: a learning curve y(x) in one input, the data size (HAD19 eq. 1); projected to m* by
 *   inverting it, and to a model size by HAD19's p(m) when the law carries one;
 * - `nd`: L(N, D) in parameters and tokens (Hoffmann et al. 2022; Kaplan et al. 2020 eq. 1.5); projected
 *   to the compute-optimal (N, D) for a target or a budget C = 6ND;
 * - `ns`: L(N, S) in parameters and optimisation steps (Kaplan et al. 2020 eq. 1.6); projected to the
 *   steps a model of N parameters needs.
 */
export type LawKind = "curve" | "nd" | "ns";

/** Every law kind, in the order the CLI and web list them. */
export const LAW_KINDS: readonly LawKind[] = ["curve", "nd", "ns"];

/** Published or fitted parameter values, keyed by their published names. */
export type LawParams = Record<string, number>;

/** Which region of a three-region curve a data size falls in (HAD19 Fig. 6). */
export type Region = "small-data" | "power-law" | "irreducible";

/** Training FLOP per parameter per token, C ≈ 6ND (Kaplan et al. 2020 §2.1; Hoffmann et al. 2022). */
export const FLOP_PER_PARAM_TOKEN = 6;

/** A compute allocation: parameters N, tokens D, FLOP C = 6ND and the loss reached. */
export interface Allocation {
  params: number;
  tokens: number;
  flops: number;
  loss: number;
}

/** A scaling-law family. */
export interface LawFamily {
  /** Registry key (`--law` value), lower case. */
  readonly name: string;
  /** What the inputs are, which decides how the law is projected; see {@link LawKind}. */
  readonly kind: LawKind;
  /** One-line formula, for people. */
  readonly formula: string;
  /** Paper, section and equation. */
  readonly source: string;
  /** Inputs in order: one (x) or two (n with d or s). */
  readonly inputs: readonly InputRole[];
  /** Published parameter names, in the order of θ. */
  readonly paramNames: readonly string[];
  /** Published parameters → θ (positive ones as logarithms). */
  toInternal(params: LawParams): Float64Array;
  /** θ → published parameters. */
  toPublic(theta: ArrayLike<number>): LawParams;
  /**
   * log ŷ at θ for log-inputs (u = log of the first input, v = log of the second, 0 if unused);
   * writes ∂ log ŷ / ∂θ into `grad` when given.
   */
  logPredict(theta: ArrayLike<number>, u: number, v: number, grad: Float64Array | null): number;
  /**
   * Optional fused {@link LawFamily.logPredict} over whole columns (the fit's inner loop): log ŷ_i into
   * `out[i]` and, when `jacobian` is given, ∂ log ŷ_i / ∂θ_j into `jacobian[j·rows + i]`, with the same
   * arithmetic as `logPredict` row by row (so a fit gives the same numbers either way).
   */
  logPredictAll?(
    theta: ArrayLike<number>,
    u: Float64Array,
    v: Float64Array,
    out: Float64Array,
    jacobian: Float64Array | null,
  ): void;
  /** Starting points for multi-start fitting, chosen from the data (log inputs and log y). */
  starts(logInputs: readonly Float64Array[], logY: Float64Array): Iterable<Float64Array>;
  /** Irreducible loss (the floor as inputs → ∞), 0 when the family has none. */
  floor(params: LawParams): number;
  /**
   * The value of the last input at which y reaches `target`, the first input fixed at `first` for
   * two-input laws: the data size m* of a curve (HAD19 §3), the tokens D at N (nd), the steps S at N
   * (ns). +Infinity when the target is never reached (at or below what the other input allows), 0 when
   * every value reaches it.
   */
  invert(params: LawParams, target: number, first?: number): number;
  /**
   * Why a curve with these parameters cannot be projected, phrased as what was expected (e.g. "a learning
   * curve that falls with data (beta < 0)"); null when it can. Absent: always projectable.
   */
  check?(params: LawParams): string | null;
  /**
   * Closed-form compute-optimal allocation for a budget of `flops` (nd laws; Hoffmann et al. 2022
   * App. D.2 for Chinchilla). Absent: a numeric search on L(N, C/(6N)) (`numericOptimal`).
   */
  optimal?(params: LawParams, flops: number): Allocation;
  /** Derived quantities reported with intervals beside the parameters (three-region boundaries). */
  derived?(params: LawParams): LawParams;
  /** The region of each measured x, for families with regions (three-region). */
  regions?(params: LawParams, xs: ArrayLike<number>): Region[];
  /** True when `--law auto` considers this family among those of its kind. */
  readonly auto?: boolean;
}
