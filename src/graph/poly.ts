import { Monomial } from "./monomial.js";

/** One non-constant term: coefficient × monomial. */
interface Term {
  readonly coef: number;
  readonly mono: Monomial;
}

let ZERO: Poly;
let ONE: Poly;

/**
 * Polynomials with numeric coefficients over named symbols (`batch`, `sequence`, ...): the type of
 * every dimension and count of an ONNX graph with free dimensions. Catamount (Hestness et al., PPoPP
 * 2019, §3) keeps graph costs symbolic in the same way (it uses SymPy); every count here is a sum of
 * products of dimensions, so a polynomial is closed under the operations needed. Immutable.
 *
 * Representation, chosen for speed and memory on graphs of 100k+ nodes (issue 17): the constant term is
 * a number, the first non-constant term (smallest monomial key) is held inline, and only a polynomial of
 * two or more terms has an array of the rest. A concrete dimension is a constant: arithmetic on
 * constants allocates nothing but its result (0 and 1 are shared). Adding, scaling or multiplying
 * one-term polynomials (`150528*batch`, `batch*sequence`) reuses monomials, with no key strings, maps or
 * sorts; a product of monomials is computed once and remembered (monomial.ts). The general case merges
 * sorted term lists; test/graph/polyFast.test.ts checks every operation against a plain reference
 * implementation on random polynomials.
 */
export class Poly {
  static {
    ZERO = new Poly(0, 0, undefined, undefined);
    ONE = new Poly(1, 0, undefined, undefined);
  }

  private constructor(
    /** The constant term. */
    private readonly c: number,
    /** Coefficient of the first term (0 when there is none). */
    private readonly k: number,
    /** Monomial of the first term; undefined for a constant. */
    private readonly m: Monomial | undefined,
    /** Terms after the first, sorted by key, non-zero; undefined for at most one term. */
    private readonly more: readonly Term[] | undefined,
  ) {}

  /** The constant `n`. */
  static of(n: number): Poly {
    if (n === 0) return ZERO;
    if (n === 1) return ONE;
    return new Poly(n, 0, undefined, undefined);
  }

  /** The symbol `name` (a free dimension such as `batch`). */
  static sym(name: string): Poly {
    return new Poly(0, 1, Monomial.symbol(name), undefined);
  }

  /** this + q (a number is a constant). */
  add(q: Poly | number): Poly {
    if (typeof q === "number") return q === 0 ? this : this.withConstant(this.c + q);
    if (q.m === undefined) return q.c === 0 ? this : this.withConstant(this.c + q.c);
    if (this.m === undefined) return this.c === 0 ? q : q.withConstant(this.c + q.c);
    if (this.more === undefined && q.more === undefined && this.m.key === q.m.key) {
      const k = this.k + q.k;
      return k === 0 ? Poly.of(this.c + q.c) : new Poly(this.c + q.c, k, this.m, undefined);
    }
    return Poly.make(this.c + q.c, mergeTerms(this.terms(), q.terms(), 1));
  }

  /** this − q. */
  sub(q: Poly | number): Poly {
    if (typeof q === "number") return this.add(-q);
    return this.add(q.scale(-1));
  }

  /** this × k for a number k. */
  scale(k: number): Poly {
    if (k === 1) return this;
    if (k === 0) return ZERO;
    if (this.m === undefined) return Poly.of(this.c * k);
    const first = this.k * k;
    if (this.more === undefined)
      return first === 0 ? Poly.of(this.c * k) : new Poly(this.c * k, first, this.m, undefined);
    const t: Term[] = [];
    for (const x of this.terms()) {
      const coef = x.coef * k;
      if (coef !== 0) t.push({ coef, mono: x.mono });
    }
    return Poly.make(this.c * k, t);
  }

  /** this × q. */
  mul(q: Poly | number): Poly {
    if (typeof q === "number") return this.scale(q);
    if (q.m === undefined) return this.scale(q.c);
    if (this.m === undefined) return q.scale(this.c);
    // one term times one term, no constants: the common symbolic product (batch · sequence)
    if (this.c === 0 && q.c === 0 && this.more === undefined && q.more === undefined) {
      const k = this.k * q.k;
      return k === 0 ? ZERO : new Poly(0, k, this.m.times(q.m), undefined);
    }
    // general: every pair of terms (constants included), then sorted and combined
    const raw: Term[] = [];
    const qt = q.terms();
    for (const a of this.terms()) {
      if (q.c !== 0) raw.push({ coef: a.coef * q.c, mono: a.mono });
      for (const b of qt) raw.push({ coef: a.coef * b.coef, mono: a.mono.times(b.mono) });
    }
    if (this.c !== 0) for (const b of qt) raw.push({ coef: this.c * b.coef, mono: b.mono });
    return Poly.make(this.c * q.c, combine(raw));
  }

  /** this ÷ q when the quotient is exact (q a constant or a single term dividing every term), else undefined. */
  divExact(q: Poly | number): Poly | undefined {
    const o = typeof q === "number" ? Poly.of(q) : q;
    if (o.m === undefined) {
      if (o.c === 0) return undefined;
      const c = this.c / o.c;
      if (!Number.isInteger(c)) return undefined;
      const t: Term[] = [];
      for (const x of this.terms()) {
        const coef = x.coef / o.c;
        if (!Number.isInteger(coef)) return undefined;
        t.push({ coef, mono: x.mono });
      }
      return Poly.make(c, t);
    }
    if (o.more !== undefined || o.c !== 0) return o.equals(this) && !this.isZero() ? ONE : undefined;
    if (this.c !== 0) return undefined; // a constant is not divisible by a symbol
    let c = 0;
    const t: Term[] = [];
    for (const x of this.terms()) {
      const mono = x.mono.over(o.m);
      if (mono === undefined) return undefined;
      const coef = x.coef / o.k;
      if (!Number.isInteger(coef)) return undefined;
      if (mono.degree === 0) c += coef;
      else t.push({ coef, mono });
    }
    return Poly.make(c, combine(t));
  }

  /** ⌊this / c⌋ for a positive integer c, when it is a polynomial (c divides every non-constant coefficient). */
  floorDiv(c: number): Poly | undefined {
    const k = this.constantTerm();
    const rest = this.sub(k).divExact(c);
    return rest?.add(Math.floor(k / c));
  }

  /** The constant term. */
  constantTerm(): number {
    return this.c;
  }

  /** The value if the polynomial has no symbols, else undefined. */
  get value(): number | undefined {
    return this.m === undefined ? this.c : undefined;
  }

  /** True for the zero polynomial. */
  isZero(): boolean {
    return this.c === 0 && this.m === undefined;
  }

  /**
   * True when the constant and every coefficient are ≥ 0: then its value is ≥ 0 wherever every symbol
   * is positive (a sum of products of non-negative numbers; it may overflow to +Infinity, never go
   * below 0 or to NaN).
   */
  hasNoNegativeCoefficient(): boolean {
    if (!(this.c >= 0)) return false;
    if (this.m === undefined) return true;
    if (!(this.k >= 0)) return false;
    if (this.more) for (const x of this.more) if (!(x.coef >= 0)) return false;
    return true;
  }

  /** The symbols it mentions, sorted. */
  symbols(): string[] {
    if (this.m === undefined) return [];
    if (this.more === undefined) return [...this.m.vars];
    const s = new Set<string>();
    for (const x of this.terms()) for (const v of x.mono.vars) s.add(v);
    return [...s].sort();
  }

  /** Value with `dims` bound; a symbol missing from `dims` takes `missing` (default: an Error, a bug). */
  evaluate(dims: Readonly<Record<string, number>>, missing?: number): number {
    if (this.m === undefined) return this.c;
    let sum = this.c + this.k * monoValue(this.m, dims, missing);
    if (this.more) for (const x of this.more) sum += x.coef * monoValue(x.mono, dims, missing);
    return sum;
  }

  /** Same polynomial. */
  equals(q: Poly): boolean {
    if (this === q) return true;
    if (this.c !== q.c || this.k !== q.k || this.m?.key !== q.m?.key) return false;
    const a = this.more ?? [];
    const b = q.more ?? [];
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++)
      if (a[i]!.coef !== b[i]!.coef || a[i]!.mono.key !== b[i]!.mono.key) return false;
    return true;
  }

  /** Terms by descending degree then name, e.g. `1536*batch*sequence + 768`. */
  toString(): string {
    if (this.m === undefined) return String(this.c);
    const list = this.terms().sort(
      (a, b) => b.mono.degree - a.mono.degree || compareKeys(a.mono.key, b.mono.key),
    );
    const parts = list.map((x, i) => {
      const sign = x.coef < 0 ? (i === 0 ? "-" : " - ") : i === 0 ? "" : " + ";
      const c = Math.abs(x.coef);
      return sign + (c === 1 ? x.mono.key : `${c}*${x.mono.key}`);
    });
    if (this.c !== 0) parts.push(this.c < 0 ? ` - ${-this.c}` : ` + ${this.c}`);
    return parts.join("");
  }

  /** The non-constant terms, sorted by key (a fresh array). */
  private terms(): Term[] {
    if (this.m === undefined) return [];
    const first = { coef: this.k, mono: this.m };
    return this.more === undefined ? [first] : [first, ...this.more];
  }

  /** Same terms, constant `c`. */
  private withConstant(c: number): Poly {
    return this.m === undefined ? Poly.of(c) : new Poly(c, this.k, this.m, this.more);
  }

  /** A polynomial from its constant and its sorted, combined, non-zero terms. */
  private static make(c: number, t: readonly Term[]): Poly {
    if (t.length === 0) return Poly.of(c);
    return new Poly(c, t[0]!.coef, t[0]!.mono, t.length === 1 ? undefined : t.slice(1));
  }

  /**
   * Σ of polynomials in one pass over their terms (see {@link polySum}). The common case, every term on
   * one shared monomial (`batch` times a byte count), adds numbers and allocates only the result.
   */
  static sumOf(xs: Iterable<Poly>): Poly {
    const list = Array.isArray(xs) ? (xs as readonly Poly[]) : [...xs];
    let c = 0;
    let acc: Poly | undefined; // the first non-constant polynomial
    let k = 0; // its first coefficient, plus those of the one-term polynomials after it on its monomial
    let raw: Term[] | undefined; // every term, once two polynomials did not share one monomial
    for (let i = 0; i < list.length; i++) {
      const p = list[i]!;
      c += p.c;
      if (p.m === undefined) continue;
      if (raw !== undefined) raw.push(...p.terms());
      else if (acc === undefined) {
        acc = p;
        k = p.k;
      } else if (acc.more === undefined && p.more === undefined && acc.m!.key === p.m.key) k += p.k;
      else raw = [{ coef: k, mono: acc.m! }, ...(acc.more ?? []), ...p.terms()];
    }
    if (raw !== undefined) return Poly.make(c, combine(raw));
    if (acc === undefined || k === 0) return Poly.of(c);
    return new Poly(c, k, acc.m, acc.more);
  }
}

/** Π symbolᵖ with `dims` bound. */
function monoValue(m: Monomial, dims: Readonly<Record<string, number>>, missing?: number): number {
  let v = 1;
  const { vars, pows } = m;
  for (let i = 0; i < vars.length; i++) {
    const s = vars[i]!;
    const d = Object.hasOwn(dims, s) ? dims[s]! : missing;
    if (d === undefined) throw new Error(`unbound symbol ${s}`);
    v *= pows[i] === 1 ? d : d ** pows[i]!;
  }
  return v;
}

/** a + sign·b for two term lists sorted by key (linear merge, zero sums dropped). */
function mergeTerms(a: readonly Term[], b: readonly Term[], sign: 1 | -1): Term[] {
  const out: Term[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    const order = x === undefined ? 1 : y === undefined ? -1 : compareKeys(x.mono.key, y.mono.key);
    if (order < 0) {
      out.push(x!);
      i++;
    } else if (order > 0) {
      out.push(sign === 1 ? y! : { coef: -y!.coef, mono: y!.mono });
      j++;
    } else {
      const coef = x!.coef + sign * y!.coef;
      if (coef !== 0) out.push({ coef, mono: x!.mono });
      i++;
      j++;
    }
  }
  return out;
}

/** Sort terms by key and add those with the same monomial (zero sums dropped). */
function combine(raw: Term[]): Term[] {
  if (raw.length < 2) return raw.filter((x) => x.coef !== 0);
  raw.sort((x, y) => compareKeys(x.mono.key, y.mono.key));
  const out: Term[] = [];
  let acc = raw[0]!;
  for (let i = 1; i <= raw.length; i++) {
    const x = raw[i];
    if (x !== undefined && x.mono.key === acc.mono.key) acc = { coef: acc.coef + x.coef, mono: acc.mono };
    else {
      if (acc.coef !== 0) out.push(acc);
      if (x !== undefined) acc = x;
    }
  }
  return out;
}

const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Π of a list of polynomials (1 for an empty list). */
export function polyProduct(xs: readonly Poly[]): Poly {
  let p = ONE;
  for (const x of xs) p = p.mul(x);
  return p;
}

/** Σ of a list of polynomials (one pass; linear in the total number of terms, times a sort). */
export function polySum(xs: Iterable<Poly>): Poly {
  return Poly.sumOf(xs);
}
