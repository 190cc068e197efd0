#!/usr/bin/env python3
"""Reference pipeline for bench/onnx-python.mjs: what ONNX's own Python tools do to cost a graph.

For one .onnx file: onnx.load (protobuf parse), onnx.shape_inference.infer_shapes (ONNX's C++ shape
inference, the reference implementation of the operator spec's shape rules), then a MAC count over the
inferred shapes: Conv = output elements x (C_in / group) x kernel elements; MatMul = output elements x
K (the shared dimension); Gemm = M x N x K (transA/transB honoured). A free dimension (dim_param or
unknown) counts 1, as scalecast counts an unbound symbol. This is the usual hand-written counter on
top of onnx (as in onnx-tool or the ONNX Model Zoo's MAC columns), written here from the operator spec.

Prints one JSON object: nodes, MACs, CPU seconds per stage and in total (process_time, after `import onnx`),
process CPU seconds (user + system, whole process including imports) and peak resident bytes.

Usage: python3 bench/onnx_python.py MODEL.onnx
"""

import json
import resource
import sys
import time

import onnx


def shapes_of(graph):
    """Name -> list of dims (int, or 1 for a free dimension) from value_info, inputs, outputs, initializers."""
    out = {}
    for vi in list(graph.input) + list(graph.value_info) + list(graph.output):
        t = vi.type.tensor_type
        if t.HasField("shape"):
            out[vi.name] = [d.dim_value if d.HasField("dim_value") else 1 for d in t.shape.dim]
    for init in graph.initializer:
        out[init.name] = list(init.dims)
    return out


def prod(xs):
    p = 1
    for x in xs:
        p *= x
    return p


def count_macs(graph):
    shapes = shapes_of(graph)
    macs = 0
    for n in graph.node:
        outs = shapes.get(n.output[0]) if n.output else None
        ins = [shapes.get(i) for i in n.input]
        if n.op_type == "Conv" and outs and len(ins) > 1 and ins[1]:
            group = next((a.i for a in n.attribute if a.name == "group"), 1)
            w = ins[1]  # [M, C/group, k1, k2, ...]
            macs += prod(outs) * w[1] * prod(w[2:])
        elif n.op_type == "MatMul" and outs and ins[0]:
            macs += prod(outs) * ins[0][-1]
        elif n.op_type == "Gemm" and ins[0] and len(ins) > 1 and ins[1]:
            attrs = {a.name: a.i for a in n.attribute if a.name in ("transA", "transB")}
            a, b = ins[0], ins[1]
            m, k = (a[1], a[0]) if attrs.get("transA", 0) else (a[0], a[1])
            nn = b[0] if attrs.get("transB", 0) else b[1]
            macs += m * k * nn
    return macs


def main():
    path = sys.argv[1]
    t0 = time.process_time()
    model = onnx.load(path)
    t1 = time.process_time()
    inferred = onnx.shape_inference.infer_shapes(model)
    t2 = time.process_time()
    macs = count_macs(inferred.graph)
    t3 = time.process_time()
    ru = resource.getrusage(resource.RUSAGE_SELF)
    print(
        json.dumps(
            {
                "model": path,
                "nodes": len(inferred.graph.node),
                "macs": macs,
                "seconds": {"load": t1 - t0, "inferShapes": t2 - t1, "macs": t3 - t2, "total": t3 - t0},
                "cpuSeconds": ru.ru_utime + ru.ru_stime,
                "peakRssBytes": ru.ru_maxrss * 1024,
                "onnx": onnx.__version__,
            }
        )
    )


if __name__ == "__main__":
    main()
