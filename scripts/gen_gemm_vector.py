#!/usr/bin/env python3
"""Writes the Vector API GEMM micro-kernels: GemmVector.java (tiles two vectors wide) and
GemmVectorNarrow.java (one vector wide, for products with at most one vector of columns).

The kernels are unrolled by hand (one local variable per accumulator), which is what C2 needs to
keep vectors in registers; this script writes them so that the tile sizes can be changed in one
place. Usage:
  python3 scripts/gen_gemm_vector.py wide > hebb-core/src/main/java/org/hebb/kernels/GemmVector.java
  python3 scripts/gen_gemm_vector.py narrow > hebb-core/src/main/java/org/hebb/kernels/GemmVectorNarrow.java
"""
import sys
VARIANT = sys.argv[1] if len(sys.argv) > 1 else "wide"
if VARIANT == "wide":
    CLASS = "GemmVector"; V = 2; MR = 12; MRR = 8
elif VARIANT == "narrow":
    CLASS = "GemmVectorNarrow"; V = 1; MR = 16; MRR = 16
else:
    sys.exit("usage: gen_gemm_vector.py wide|narrow")
def acc_init(n, add):
    # Accumulators start from zero in both cases; the Add kernels add C in after the loop (see
    # store), so no row offset of C is live across the loop.
    lines=["        FloatVector z = FloatVector.zero(S);"]
    acc=[f"c{r}{v}" for r in range(n) for v in range(V)]
    for i in range(0,len(acc),8):
        lines.append("        FloatVector " + ", ".join(f"{a} = z" for a in acc[i:i+8]) + ";")
    return "\n".join(lines)
def body(n, rows):
    out=[]
    for r in range(n):
        src = (f"a[ai + {r}]" if r else "a[ai]") if not rows else f"a[a{r} + p]"
        decl = "FloatVector av" if r == 0 else "av"
        out.append(f"            {decl} = FloatVector.broadcast(S, {src});")
        out.append(f"            c{r}0 = av.fma(b0, c{r}0);")
        if V == 2:
            out.append(f"            c{r}1 = av.fma(b1, c{r}1);")
    return "\n".join(out)
def store(n, add):
    out=["        int r0 = cOff;"]
    for r in range(1,n): out.append(f"        int r{r} = r{r-1} + ldc;")
    for r in range(n):
        for v in range(V):
            at = f"r{r}" + (" + L" if v else "")
            if add:
                out.append(f"        c{r}{v}.add(FloatVector.fromArray(S, c, {at})).intoArray(c, {at});")
            else:
                out.append(f"        c{r}{v}.intoArray(c, {at});")
    return "\n".join(out)
def name_suffix():
    return "" if V == 2 else ' + "-narrow"'
def header_doc():
    if V == 2:
        return f"""/**
 * The GEMM micro-kernels written with the JDK's Vector API. A tile is {{@code rows x 2 lanes}}
 * columns (32 with 512-bit vectors): every k step loads two vectors of the packed B panel,
 * broadcasts one element of A per row, and does two fused multiply-adds per row into vector
 * accumulators that stay in registers. {{@link #kernel}} has {MR} rows ({2 * MR} accumulators);
 * {{@link #kernelRows}}, which reads A in place from {MRR} separate row streams, has {MRR};
 * {{@link #kernelCols}} reads {MR} rows of a transposed A in place (one contiguous run per k step).
 * Blocking, packing and threads are {{@link BlockedGemm}}'s. Written by
 * {{@code scripts/gen_gemm_vector.py wide}}; change the script, not this file."""
    return f"""/**
 * The GEMM micro-kernels of {{@link GemmVector}} one vector wide: a tile is {{@code rows x lanes}}
 * columns (16 with 512-bit vectors), for products whose op(B) has at most that many columns
 * (a convolution with 16 filters, or its weight gradient), where the two-vector tile would
 * multiply a zero half. Every k step loads one vector of the packed B panel, broadcasts one
 * element of A per row and does one fused multiply-add per row; with one FMA per broadcast
 * the tile needs more rows to keep both FMA ports busy: every kernel has {MR} (measured on
 * a convolution's forward product, 784 x 16 x 144: 8 or 12 rows read in place ran 10-15%
 * slower than {MR}). Chosen by {{@link Gemm}} from n alone, so results stay bit-identical for any
 * thread count. Written by {{@code scripts/gen_gemm_vector.py narrow}}; change the script, not
 * this file."""
def loadb():
    out = ["            FloatVector b0 = FloatVector.fromArray(S, b, bi);"]
    if V == 2:
        out.append("            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);")
    return "\n".join(out)
def copyrow():
    out = ["                FloatVector.fromArray(S, b, s + q * NR).intoArray(pb, d + q * panelStride);"]
    if V == 2:
        out.append("                FloatVector.fromArray(S, b, s + q * NR + L).intoArray(pb, d + q * panelStride + L);")
    return "\n".join(out)
rowsetup = "        int a0 = aOff;\n" + "\n".join(f"        int a{r} = a{r-1} + lda;" for r in range(1,MRR))
def loop_head(cols):
    if cols:
        return """        for (int p = 0; p < kc; p++) {
            int ai = aOff + p * lda;
            int bi = bOff + p * NR;"""
    # The loop variable is A's index itself: C2 then drops A's bounds checks from the loop and
    # needs fewer scalar instructions per step than with ai and bi derived from p.
    return """        int aEnd = aOff + kc * MR;
        for (int ai = aOff, bi = bOff; ai < aEnd; ai += MR, bi += NR) {"""
def packed(add, cols=False):
    name = ("kernelColsAdd" if add else "kernelColsSet") if cols else ("kernelAdd" if add else "kernelSet")
    doc = ("C += A^T * Bp" if add else "C = A^T * Bp") if cols else ("C += Ap * Bp" if add else "C = Ap * Bp")
    what = f"{MR} rows of a transposed A read in place; see {{@link BlockedGemm#kernelCols}}" if cols \
        else f"a {MR}-row packed A panel; see {{@link BlockedGemm#kernel}}"
    params = "float[] a, int aOff, int lda, float[] b" if cols else "float[] a, int aOff, float[] b"
    sep = "\n                                      " if cols else " "
    return f"""    /** {{@code {doc}}} for {what}. */
    private static void {name}(int kc, {params}, int bOff, float[] c, int cOff,{sep}int ldc) {{
{acc_init(MR, add)}
{loop_head(cols)}
{loadb()}
{body(MR, False)}
        }}
{store(MR, add)}
    }}
"""
def rows(add):
    name = "kernelRowsAdd" if add else "kernelRowsSet"
    doc = "C += A * Bp" if add else "C = A * Bp"
    return f"""    /** {{@code {doc}}} for {MRR} rows of A read in place; see {{@link BlockedGemm#kernelRows}}. */
    private static void {name}(int kc, float[] a, int aOff, int lda, float[] b, int bOff, float[] c, int cOff,
                                      int ldc) {{
{acc_init(MRR, add)}
{rowsetup}
        for (int p = 0; p < kc; p++) {{
            int bi = bOff + p * NR;
{loadb()}
{body(MRR, True)}
        }}
{store(MRR, add)}
    }}
"""
print(f"""package org.hebb.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

{header_doc()}
 *
 * <p>Loaded by name through {{@link Simd#load}} only when {{@code jdk.incubator.vector}} is
 * readable; no other class refers to it directly, so a JVM without the module never loads it.
 *
 * <p>What makes it fast, and what keeps C2 (JDK 17) from making it slow:
 * <ul>
 *   <li>every array index is a loop variable plus a constant, or {{@code base + p * constant}}
 *       with a loop-invariant base, so C2 hoists the bounds checks out of the k loop; the
 *       packed kernels loop over A's index itself ({{@code ai += MR}}), which leaves C2 fewer
 *       scalar instructions per step than deriving it from p;</li>
 *   <li>there is no scalar edge path (the driver pads panels);</li>
 *   <li>many accumulators hide the FMA latency on two FMA ports, and more rows per tile mean
 *       fewer loads of B per multiply-add;</li>
 *   <li>each vector is a separate local variable (no arrays of vectors), no vector value flows
 *       out of an {{@code if}}, and each method stays small enough that C2 inlines every Vector
 *       API call: a call it fails to inline, or a merge of vectors, makes it allocate vector
 *       boxes in the hot path, and the kernel then runs at a few GFLOP/s. Hence one method per
 *       case, overwrite ({{@code Set}}) and accumulate ({{@code Add}});</li>
 *   <li>the accumulators start from zero in both, and {{@code Add}} adds C in after the loop:
 *       loading C first kept twelve row offsets live across the loop, and C2 then spilled
 *       registers in the loop, in some runs and not others. With both changes the packed
 *       kernel ran 11-28% faster in L1 than before, in each of 10 runs (by itself, the loop
 *       over A's index was faster in half the runs and slower in the other half).</li>
 * </ul>
 */
final class {CLASS} extends BlockedGemm {{
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int MR = {MR};
    private static final int MR_ROWS = {MRR};
    private static final int NR = {V} * L;
    /** K steps packed per gather in {{@link #packRows}}: the fewest whose MR rows fill whole vectors. */
    private static final int GROUP = L / gcd(MR, L);

    /**
     * Creates the vector GEMM.
     *
     * @throws UnsupportedOperationException when the preferred vectors are narrower than 256
     *     bits, where the plain kernel is as good
     */
    {CLASS}() {{
        this(DIRECT_A_MAX_COLS);
    }}

    /** A vector GEMM reading A in place for tiles up to {{@code directMaxCols}} wide (tests vary it). */
    {CLASS}(int directMaxCols) {{
        super(MR, MR_ROWS, NR, directMaxCols);
        if (S.vectorBitSize() < 256) {{
            throw new UnsupportedOperationException("vectors of " + S.vectorBitSize() + " bits are too narrow");
        }}
    }}

    @Override
    String name() {{
        return "vector-" + S.vectorBitSize(){name_suffix()};
    }}

    @Override
    void kernel(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, boolean add) {{
        if (add) {{
            kernelAdd(kc, a, aOff, b, bOff, c, cOff, ldc);
        }} else {{
            kernelSet(kc, a, aOff, b, bOff, c, cOff, ldc);
        }}
    }}

    @Override
    void kernelRows(int kc, float[] a, int aOff, int lda, float[] b, int bOff, float[] c, int cOff, int ldc,
                    boolean add) {{
        if (add) {{
            kernelRowsAdd(kc, a, aOff, lda, b, bOff, c, cOff, ldc);
        }} else {{
            kernelRowsSet(kc, a, aOff, lda, b, bOff, c, cOff, ldc);
        }}
    }}

    @Override
    void kernelCols(int kc, float[] a, int aOff, int lda, float[] b, int bOff, float[] c, int cOff, int ldc,
                    boolean add) {{
        if (add) {{
            kernelColsAdd(kc, a, aOff, lda, b, bOff, c, cOff, ldc);
        }} else {{
            kernelColsSet(kc, a, aOff, lda, b, bOff, c, cOff, ldc);
        }}
    }}

    @Override
    void copyRows(int rows, int panels, float[] b, int src, int ldb, float[] pb, int dst, int panelStride) {{
        for (int p = 0; p < rows; p++) {{
            int s = src + p * ldb;
            int d = dst + p * NR;
            for (int q = 0; q < panels; q++) {{
{copyrow()}
            }}
        }}
    }}

    @Override
    void packRows(int panels, int kc, float[] a, int src, int lda, float[] pa, int dst) {{
        // Gathers: {{@code GROUP}} k steps of a panel are GROUP * MR consecutive packed floats,
        // a whole number of vectors, each gathered from the MR rows through one index map (built
        // once per call: it depends on lda only).
        int[] map = new int[GROUP * MR];
        for (int e = 0; e < map.length; e++) {{
            map[e] = (e % MR) * lda + e / MR;
        }}
        for (int q = 0; q < panels; q++) {{
            int s0 = src + q * MR * lda;
            int d0 = dst + q * MR * kc;
            int p = 0;
            for (; p + GROUP <= kc; p += GROUP) {{
                int s = s0 + p;
                int d = d0 + p * MR;
                for (int v = 0; v < GROUP * MR; v += L) {{
                    FloatVector.fromArray(S, a, s, map, v).intoArray(pa, d + v);
                }}
            }}
            for (; p < kc; p++) {{
                for (int i = 0; i < MR; i++) {{
                    pa[d0 + p * MR + i] = a[s0 + i * lda + p];
                }}
            }}
        }}
    }}

{packed(False)}
{packed(True)}
{rows(False)}
{rows(True)}
{packed(False, True)}
{packed(True, True)}
    private static int gcd(int x, int y) {{
        return y == 0 ? x : gcd(y, x % y);
    }}
}}""")
