#!/usr/bin/env python3
"""Writes ThinConvWide.java: ThinConv's register-blocked runs for convolutions with as many input
channels as filters (16, 32 or 64) at stride 1 across, with 16-lane vectors.

Forward: a group of P output positions keeps its P x V accumulators (V = channels / 16 vectors
each) in registers over all taps; each tap loads V kernel vectors and broadcasts one input value
per position, read at a constant offset (position * channels) from the tap's. Rows of 28, 14
and 7 positions (ResNet's three stages on 28 x 28 images) split into whole groups: 14 + 14,
7 + 7 and 4 + 3. When the kernel is three columns wide at dilation 1 across (ResNet's 3 x 3),
the whole groups go through a second form instead: one step per kernel row and channel loads the
kernel vectors of all three columns and broadcasts each of the P + 2 input values under the group
once, for up to three multiply-adds (3 P V multiply-adds for 3 V loads and P + 2 broadcasts,
against P V for V loads and P broadcasts one tap at a time).

Kernel gradient: a group of T taps (consecutive offsets: channels of one kernel position) keeps
its T x V rows of dk in registers over all positions of an image (row after row: adding into dk
after each row of 7 positions would read and write all of stage 3's 147 KB dk seven times an
image); each position loads its V gradient vectors once and broadcasts T input values.

The kernels are unrolled by hand (one local per accumulator), which is what C2 needs to keep
vectors in registers. Usage:
  python3 scripts/gen_thin_conv_wide.py > hebb-core/src/main/java/org/hebb/kernels/ThinConvWide.java
"""

# channels: (positions per group, positions per second group or 0, taps per kernel-gradient group)
WIDTHS = {16: (14, 0, 16), 32: (7, 0, 8), 64: (4, 3, 4)}
# channels whose forward has the three-column form: (positions per group, the filter vectors of
# each part of a group or None for all at once). 64 channels take a row of 7 positions in two
# halves of 32 filters (14 accumulators and 6 kernel vectors live): all 64 filters at once kept 12
# kernel vectors live beside 16 accumulators, and C2 spilled vectors to the stack inside the loop.
# Seven positions a group read each kernel vector (stage 3's 147 KB kernel lies in L2, not L1)
# once per 7 multiply-adds, against once per 4 or 3 one tap at a time.
THREE_WIDE = {16: (14, None), 32: (7, None), 64: (7, [[0, 1], [2, 3]])}


def declare(items, out):
    """Declares the accumulators, eight to a line."""
    for i in range(0, len(items), 8):
        out.append("            FloatVector " + ", ".join(items[i:i + 8]) + ";")


def outer_product(vec, array, base, xbase, xstride, n, v, acc, out):
    """One step of n broadcast multiply-adds per vector: loads V vectors `vec`0.. of `array` at
    `base`, broadcasts x at `xbase` + i * `xstride` for i < n, and adds the products into acc(i, j)."""
    for j in range(v):
        off = f" + {16 * j}" if j else ""
        out.append(f"                FloatVector {vec}{j} = FloatVector.fromArray(S, {array}, {base}{off});")
    for i in range(n):
        off = f" + {xstride * i}" if i else ""
        out.append(f"                FloatVector x{i} = FloatVector.broadcast(S, x[{xbase}{off}]);")
        for j in range(v):
            out.append(f"                {acc(i, j)} = x{i}.fma({vec}{j}, {acc(i, j)});")


def stores(n, js, c, acc):
    """(accumulator, offset text) of each of n positions' or taps' vectors js, c floats apart."""
    for i in range(n):
        for j in js:
            o = c * i + 16 * j
            yield acc(i, j), (f" + {o}" if o else "")


def group(c, p, taps, out, slices=None):
    """A group of p output positions: accumulators from the bias, the tap loop that `taps`
    writes (reading x around xb), then ReLU (or not) and the stores. `slices` splits the filter
    vectors into parts computed one after the other, each with its own tap loop (default: one
    part, all of them); `taps` gets the part's vector indices."""
    v = c // 16
    acc = lambda i, j: f"a{i}_{j}"
    out.append(f"        for (; p <= count - {p}; p += {p}) {{")
    out.append(f"            int xb = xBase + p * {c};")
    out.append(f"            int o = oBase + p * {c};")
    for js in (slices or [list(range(v))]):
        declare([f"{acc(i, j)} = b{j}" for i in range(p) for j in js], out)
        taps(acc, js, out)
        for a, off in stores(p, js, c, acc):
            out.append(f"            {a}.blend(floorV, {a}.compare(VectorOperators.LE, floor)).intoArray(out, o{off});")
    out.append("        }")


def forward_group(c, p, out):
    """A group of p positions, one tap a step: V kernel vectors and p broadcasts."""
    def taps(acc, js, out):
        out.append("            for (int t = 0; t < taps; t++) {")
        out.append("                int xt = xb + tapOff[t];")
        outer_product("k", "k", f"t * {c}", "xt", c, p, c // 16, acc, out)
        out.append("            }")
    group(c, p, taps, out)


def triples_group(c, p, out, slices=None):
    """A group of p positions over windows three taps wide: one step per kernel row and channel
    broadcasts each of the p + 2 input values under the group once and multiplies it by the
    kernel vectors of all three columns (3 V loads, p + 2 broadcasts, 3 p V multiply-adds)."""
    v = c // 16
    log = c.bit_length() - 1

    def taps(acc, js, out):
        out.append("            for (int r = 0; r < rowTaps; r++) {")
        out.append(f"                int t = r + (r >> {log} << {log + 1});")
        out.append("                int xt = xb + tapOff[t];")
        out.append(f"                int kt = t * {c};")
        for dx in range(3):
            for j in js:
                off = dx * c * c + 16 * j
                out.append(f"                FloatVector k{dx}_{j} = FloatVector.fromArray(S, k, kt{f' + {off}' if off else ''});")
        for q in range(p + 2):
            off = f" + {c * q}" if q else ""
            out.append(f"                FloatVector x{q} = FloatVector.broadcast(S, x[xt{off}]);")
            for dx in range(3):
                o = q - dx
                if 0 <= o < p:
                    for j in js:
                        out.append(f"                {acc(o, j)} = x{q}.fma(k{dx}_{j}, {acc(o, j)});")
        out.append("            }")
    group(c, p, taps, out, slices)


def preamble(v, out):
    """The ReLU floor and the bias vectors, at the top of a forward function."""
    out.append("        final float floor = relu ? 0f : Float.NEGATIVE_INFINITY;")
    out.append("        final FloatVector floorV = FloatVector.broadcast(S, floor);")
    for j in range(v):
        out.append(f"        final FloatVector b{j} = FloatVector.fromArray(S, bias, {16 * j});")


def triples(c):
    v = c // 16
    p, slices = THREE_WIDE[c]
    out = []
    out.append("    /**")
    out.append(f"     * The whole groups of {{@link #forward{c}}} over windows three taps wide (see {{@link #forward}}):")
    out.append("     * returns the number of positions written.")
    out.append("     */")
    out.append(f"    private static int triples{c}(float[] x, int xBase, int[] tapOff, float[] k, float[] bias, float[] out,")
    out.append("            int oBase, int count, boolean relu) {")
    out.append("        final int rowTaps = tapOff.length / 3;")
    preamble(v, out)
    out.append("        int p = 0;")
    triples_group(c, p, out, slices)
    out.append("        return p;")
    out.append("    }")
    return out


def forward(c, p, p2):
    v = c // 16
    out = []
    out.append(f"    /** {{@link ThinConvOps#forwardRun}} for {c} channels into {c} filters, windows {c} floats apart. */")
    out.append(f"    static void forward{c}(float[] x, int xBase, int[] tapOff, float[] k, float[] bias, float[] out, int oBase,")
    out.append(f"            int count, boolean relu{', boolean threeWide' if c in THREE_WIDE else ''}) {{")
    out.append("        final int taps = tapOff.length;")
    preamble(v, out)
    out.append("        int p = 0;")
    if c in THREE_WIDE:
        out.append("        if (threeWide) {")
        out.append(f"            p = triples{c}(x, xBase, tapOff, k, bias, out, oBase, count, relu);")
        out.append("        }")
    forward_group(c, p, out)
    if p2:
        forward_group(c, p2, out)
    forward_group(c, 1, out)
    out.append("    }")
    return out


def kernel_grad(c, t):
    v = c // 16
    acc = lambda i, j: f"s{i}_{j}"
    out = []
    out.append(f"    /**")
    out.append(f"     * {{@link ThinConvOps#kernelGradRows}} for {c} channels into {c} filters, windows {c} floats apart, when")
    out.append(f"     * the taps come in groups of {t} consecutive offsets; false, touching nothing, when they do not.")
    out.append(f"     */")
    out.append(f"    static boolean kernelGrad{c}(float[] x, int xBase, int rowStep, int rows, int[] tapOff, float[] g, int gBase,")
    out.append("            float[] dk, int count) {")
    out.append(f"        if (!consecutiveGroups(tapOff, {t})) {{")
    out.append("            return false;")
    out.append("        }")
    out.append(f"        for (int t0 = 0; t0 < tapOff.length; t0 += {t}) {{")
    out.append("            final int xt = xBase + tapOff[t0];")
    out.append("            final FloatVector z = FloatVector.zero(S);")
    declare([f"{acc(i, j)} = z" for i in range(t) for j in range(v)], out)
    # One flat loop over the image's positions (a nest of two loops made C2 box the vectors:
    # 10x slower), stepping to the next row's windows when a row ends.
    out.append(f"            final int rowSkip = rowStep - count * {c};")
    out.append("            int xp = xt;")
    out.append("            int gp = gBase;")
    out.append("            int p = 0;")
    out.append("            for (int q = rows * count; q > 0; q--) {")
    outer_product("g", "g", "gp", "xp", 1, t, v, acc, out)
    out.append(f"                xp += {c};")
    out.append(f"                gp += {c};")
    out.append("                if (++p == count) {")
    out.append("                    p = 0;")
    out.append("                    xp += rowSkip;")
    out.append("                }")
    out.append("            }")
    out.append(f"            int kb = t0 * {c};")
    for a, off in stores(t, range(v), c, acc):
        out.append(f"            FloatVector.fromArray(S, dk, kb{off}).add({a}).intoArray(dk, kb{off});")
    out.append("        }")
    out.append("        return true;")
    out.append("    }")
    return out


HEADER = '''package org.hebb.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ThinConvVector}'s register-blocked runs for convolutions of 16, 32 or 64 input channels
 * into as many filters at stride 1 across (the three stages of a CIFAR-style ResNet), with
 * 16-lane vectors: windows are then exactly {@code channels} floats apart, so every read of x is
 * a tap's offset plus a constant, and no column matrix is written or read. Forward: a group of
 * positions keeps its accumulators in registers over all taps (groups of 14, 7, and 4 then 3
 * positions: rows of 28, 14 and 7 split evenly). Kernel gradient: a group of taps keeps its rows
 * of dk in registers over all positions of an image, row after row (16, 8 or 4 taps: sixteen
 * vectors each), and adds them into dk once. Written by
 * {@code scripts/gen_thin_conv_wide.py}; change the script, not this file.
 *
 * <p>Loaded only through {@link ThinConvVector}, itself loaded by name when
 * {@code jdk.incubator.vector} is readable.
 */
final class ThinConvWide {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private ThinConvWide() {}

    /** True for the channel counts these runs cover, with 16-lane vectors. */
    static boolean covers(int channels) {
        return S.length() == 16 && (channels == 16 || channels == 32 || channels == 64);
    }

    /**
     * {@code forward16/32/64} for {@code f} channels (one of {@link #covers}). {@code threeWide}:
     * the taps are those of a kernel three columns wide at dilation 1 across (each kernel row's
     * taps are its columns 0, 1, 2 of f channels each, column dx at {@code dx * f} from column 0),
     * so each input value under a group is broadcast once for all three columns.
     */
    static void forward(int f, float[] x, int xBase, int[] tapOff, float[] k, float[] bias, float[] out, int oBase,
            int count, boolean relu, boolean threeWide) {
        switch (f) {
            case 16 -> forward16(x, xBase, tapOff, k, bias, out, oBase, count, relu, threeWide);
            case 32 -> forward32(x, xBase, tapOff, k, bias, out, oBase, count, relu, threeWide);
            case 64 -> forward64(x, xBase, tapOff, k, bias, out, oBase, count, relu, threeWide);
            default -> throw new IllegalArgumentException("ThinConvWide: no runs for " + f + " channels");
        }
    }

    /** {@code kernelGrad16/32/64} for {@code f} channels (one of {@link #covers}). */
    static boolean kernelGrad(int f, float[] x, int xBase, int rowStep, int rows, int[] tapOff, float[] g, int gBase,
            float[] dk, int count) {
        return switch (f) {
            case 16 -> kernelGrad16(x, xBase, rowStep, rows, tapOff, g, gBase, dk, count);
            case 32 -> kernelGrad32(x, xBase, rowStep, rows, tapOff, g, gBase, dk, count);
            case 64 -> kernelGrad64(x, xBase, rowStep, rows, tapOff, g, gBase, dk, count);
            default -> throw new IllegalArgumentException("ThinConvWide: no runs for " + f + " channels");
        };
    }

    /** True when {@code tapOff} comes in groups of {@code n} consecutive offsets. */
    static boolean consecutiveGroups(int[] tapOff, int n) {
        if (tapOff.length % n != 0) {
            return false;
        }
        for (int t = 0; t < tapOff.length; t++) {
            if (tapOff[t] != tapOff[t - t % n] + t % n) {
                return false;
            }
        }
        return true;
    }
'''

lines = [HEADER.rstrip("\n")]
for c, (p, p2, t) in WIDTHS.items():
    lines.append("")
    lines.extend(forward(c, p, p2))
    if c in THREE_WIDE:
        lines.append("")
        lines.extend(triples(c))
    lines.append("")
    lines.extend(kernel_grad(c, t))
lines.append("}")
print("\n".join(lines))
