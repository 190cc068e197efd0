import { Poly, polyProduct } from "./poly.js";

/**
 * What shape inference knows about one tensor: its shape as polynomials in the free dimensions, its
 * element type, its values when it is small shape arithmetic (folded as Catamount folds Shape/Gather/
 * Concat chains), and, for a weight, which constant it comes from.
 */
export interface TensorInfo {
  /** Dimensions; undefined when even the rank is unknown. */
  shape?: Poly[];
  /** ONNX element type. */
  dtype: number;
  /** Flattened values of a small constant-foldable tensor. */
  value?: Poly[];
  /** The constant this tensor is (a view of): an initializer, a Constant or a ConstantOfShape output. */
  constSource?: string;
  /** Π shape, computed once by {@link numel} (a tensor is read by every consumer). */
  elements?: Poly;
  /** Bytes at its element type, computed once by `tensorBytes` (scope.ts). */
  bytes?: Poly;
}

/** Elements of a tensor (undefined when its rank is unknown), remembered on the tensor. */
export function numel(t: TensorInfo | undefined): Poly | undefined {
  if (!t?.shape) return undefined;
  return (t.elements ??= polyProduct(t.shape));
}

/** A rank-1 shape [n] for folded 1-D values. */
export function vectorShape(n: number): Poly[] {
  return [Poly.of(n)];
}
