/**
 * A monomial Π symbolᵖᵒʷᵉʳ over named symbols (the symbolic part of one term of a {@link Poly}):
 * symbols sorted by name, powers non-zero, and its key (`batch*sequence^2`) computed once. Products
 * are remembered on the left factor, keyed by the right factor's key, so multiplying the same dimensions
 * again (every node of a graph multiplies `batch` by `sequence`) allocates nothing; the memo lives and
 * dies with the monomial (no module-level cache). Immutable apart from that memo.
 */
export class Monomial {
  /** The monomial of degree 0 (the constant 1). */
  static readonly ONE = new Monomial([], []);
  private products: Map<string, Monomial> | undefined;
  /** `batch*sequence^2`: symbols by name, `^p` when p ≠ 1; "" for degree 0. */
  readonly key: string;
  /** Total degree (Σ powers). */
  readonly degree: number;

  private constructor(
    /** Symbols, sorted by name. */
    readonly vars: readonly string[],
    /** Power of each symbol (non-zero). */
    readonly pows: readonly number[],
  ) {
    let key = "";
    let degree = 0;
    for (let i = 0; i < vars.length; i++) {
      key += (i ? "*" : "") + (pows[i] === 1 ? vars[i] : `${vars[i]}^${pows[i]}`);
      degree += pows[i]!;
    }
    this.key = key;
    this.degree = degree;
  }

  /** The symbol `name` to the power 1. */
  static symbol(name: string): Monomial {
    return new Monomial([name], [1]);
  }

  /** this × o (remembered). */
  times(o: Monomial): Monomial {
    const hit = this.products?.get(o.key);
    if (hit) return hit;
    const m = Monomial.merge(this, o, 1)!;
    (this.products ??= new Map()).set(o.key, m);
    return m;
  }

  /** this ÷ o when every power stays non-negative, else undefined. */
  over(o: Monomial): Monomial | undefined {
    return Monomial.merge(this, o, -1);
  }

  /** a · b^sign by a linear merge of the sorted symbol lists; undefined when a power goes negative. */
  private static merge(a: Monomial, b: Monomial, sign: 1 | -1): Monomial | undefined {
    const vars: string[] = [];
    const pows: number[] = [];
    let i = 0;
    let j = 0;
    while (i < a.vars.length || j < b.vars.length) {
      const x = a.vars[i];
      const y = b.vars[j];
      let v: string;
      let p: number;
      if (y === undefined || (x !== undefined && x < y)) {
        v = x!;
        p = a.pows[i++]!;
      } else if (x === undefined || y < x) {
        v = y;
        p = sign * b.pows[j++]!;
      } else {
        v = x;
        p = a.pows[i++]! + sign * b.pows[j++]!;
      }
      if (p < 0) return undefined;
      if (p !== 0) {
        vars.push(v);
        pows.push(p);
      }
    }
    return vars.length === 0 ? Monomial.ONE : new Monomial(vars, pows);
  }
}
