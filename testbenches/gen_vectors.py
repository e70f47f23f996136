#!/usr/bin/env python3
"""Stimuli and expected values for the rtl-templates unit benches.

An independent reference in plain Python integers (exact at any width) of
the arithmetic the templates implement: requantization (docs/model-format.md
§2, Requantization), the folded matrix-vector unit with its weight and
parameter ROM layouts, the stream adapters, the convolution front end
(im2col windows of the sliding-window unit, max pooling). The sparse lane
engine's benches have their own generator, gen_sparse_lane.py. Each bench
configuration gets a directory under OUT (default build/) with $readmemh
images and an `iverilog.flags` file of -P overrides that the Makefile
passes to iverilog.

    python3 gen_vectors.py [--out build] [--list-requant | --list-mvu | --list-rom
                                          | --list-swu | --list-pool]

Everything is drawn from fixed seeds, so the files are byte-identical on
every run.
"""

import argparse
import os
import random

HALF_UP, HALF_EVEN, FLOOR = 0, 1, 2
INT, BINARY, TERNARY, POW2 = 0, 1, 2, 3


# ----------------------------------------------------------------- reference

def round_shift(v, s, mode):
    """R(v, s) of the spec; Python's >> and divmod floor toward -inf."""
    if s == 0:
        return v
    if mode == HALF_UP:
        return (v + (1 << (s - 1))) >> s
    if mode == FLOOR:
        return v >> s
    q, r = divmod(v, 1 << s)
    half = 1 << (s - 1)
    if r > half or (r == half and q % 2 == 1):
        q += 1
    return q


def requant(acc, m, s, mode, lo, hi, zero_point=0):
    return min(max(round_shift(acc * m, s, mode) + zero_point, lo), hi)


def to_bits(value, width):
    """Two's complement (or unsigned) value as an unsigned width-bit word."""
    assert -(1 << width) <= value < (1 << width), (value, width)
    return value & ((1 << width) - 1)


def hex_line(word, width):
    return format(word, "0%dx" % ((width + 3) // 4))


def write_hex(path, words, width):
    with open(path, "w") as f:
        for w in words:
            f.write(hex_line(w, width) + "\n")


class Raw(str):
    """A -P value written as it is (a sized Verilog literal)."""


def write_flags(path, top, params):
    with open(path, "w") as f:
        for key, value in params.items():
            if isinstance(value, Raw):
                f.write("-P%s.%s=%s\n" % (top, key, value))
            elif isinstance(value, str):
                f.write('-P%s.%s="%s"\n' % (top, key, value))
            else:
                f.write("-P%s.%s=%d\n" % (top, key, value))


def write_run(out, run, top, params, images):
    """One bench run's folder out/run: each image {PARAM: (file, words, width)}
    written and passed to the bench as PARAM="<path>", next to params, in
    iverilog.flags (-P options for the bench module top). Returns the folder."""
    d = os.path.join(out, run)
    os.makedirs(d, exist_ok=True)
    flags = dict(params)
    for param, (file, words, width) in images.items():
        path = os.path.join(d, file)
        write_hex(path, words, width)
        flags[param] = path
    write_flags(os.path.join(d, "iverilog.flags"), top, flags)
    return d


def pack(values, width):
    """values side by side in one word, each width bits (two's complement),
    the first in the low bits: a beat of lanes, a ROM word of PEs."""
    word = 0
    for i, v in enumerate(values):
        word |= to_bits(v, width) << (i * width)
    return word


def clog2(n):
    return max(0, (n - 1).bit_length())


def signed_bits(lo, hi):
    """Smallest two's complement width holding [lo, hi]."""
    w = 1
    while not (-(1 << (w - 1)) <= lo and hi <= (1 << (w - 1)) - 1):
        w += 1
    return w


def input_range(width, signed):
    if signed:
        return -(1 << (width - 1)), (1 << (width - 1)) - 1
    return 0, (1 << width) - 1


# -------------------------------------------------------------------- ROM

ROM_CONFIGS = [
    # name, WIDTH, DEPTH, ADDR_WIDTH
    ("w12_d13", 12, 13, 4),
    ("w72_d1", 72, 1, 1),
    ("w1_d64", 1, 64, 6),
]


def gen_rom(out):
    for name, width, depth, addr_w in ROM_CONFIGS:
        rng = random.Random("rom-" + name)
        words = [rng.getrandbits(width) for _ in range(depth)]
        write_run(out, "rom_" + name, "tb_dnngen_rom", {"WIDTH": width, "DEPTH": depth, "ADDR_WIDTH": addr_w},
                  {"INIT_FILE": ("rom.hex", words, width)})


# ---------------------------------------------------------------- requant

REQUANT_CONFIGS = [
    # name, ACC_WIDTH, MULT_WIDTH, SHIFT_WIDTH, OUT_WIDTH, OUT_MIN, OUT_MAX, ZERO_POINT
    ("a48_s8", 48, 31, 6, 8, -128, 127, 0),
    ("a20_u16", 20, 16, 5, 16, 0, 65535, 0),
    ("a70_s16", 70, 31, 6, 16, -32768, 32767, 0),
    ("a4_u1", 4, 31, 6, 1, 0, 1, 0),
    # Asymmetric activations (imported QDQ models): the zero point is added after rounding.
    ("a32_u8_zp137", 32, 31, 6, 8, 0, 255, 137),
    ("a24_s8_zpm20", 24, 31, 6, 8, -128, 127, -20),
    ("a20_u16_zp65535", 20, 16, 5, 16, 0, 65535, 65535),
    ("a24_m40_u8", 24, 40, 7, 8, 0, 255, 0),  # three 17-bit parts of the multiplier
    ("a24_m40_u8_zp100", 24, 40, 7, 8, 0, 255, 100),
]
REQUANT_LANES = 2


def requant_cases(rng, acc_w, mult_w, shift_w, lo, hi, zero_point=0):
    """(acc, m, s) triples: extremes, ties, near ties, clamp edges, random."""
    amin, amax = -(1 << (acc_w - 1)), (1 << (acc_w - 1)) - 1
    mmax = (1 << mult_w) - 1
    smax = min((1 << shift_w) - 1, 62)
    shifts = sorted({0, 1, 2, 3, mult_w, smax // 2, smax - 1, smax})
    shifts = [s for s in shifts if 0 <= s <= smax]
    cases = []
    for acc in (amin, amin + 1, -1, 0, 1, amax - 1, amax):
        for m in (1, 2, 3, mmax, (mmax + 1) // 2):
            for s in shifts:
                cases.append((acc, m, s))
    # Exact ties (and one below / above): v = (2k+1) * 2^(s-1).
    for _ in range(600):
        s = rng.randint(1, smax)
        j = rng.randint(0, min(mult_w - 1, s - 1))
        m = 1 << j
        t = s - 1 - j
        if t > acc_w - 3:
            continue
        kmax = (1 << (acc_w - 2 - t)) - 1
        k = rng.randint(-min(kmax, 1 << rng.randint(0, 12)), min(kmax, 1 << rng.randint(0, 12)))
        acc = (2 * k + 1) << t
        for d in (0, -1, 1):
            if amin <= acc + d <= amax:
                cases.append((acc + d, m, s))
    # Values that land near the clamp bounds.
    for _ in range(300):
        s = rng.randint(0, smax)
        m = rng.randint(1, mmax)
        target = rng.choice((lo - 1, lo, lo + 1, hi - 1, hi, hi + 1)) - zero_point
        acc = (target << s) // m + rng.randint(-2, 2)
        if amin <= acc <= amax:
            cases.append((acc, m, s))
    for _ in range(1500):
        s = rng.randint(0, smax)
        m = rng.choice((rng.randint(1, mmax), 1 << rng.randint(0, mult_w - 1)))
        acc = rng.randint(amin, amax) >> rng.randint(0, acc_w - 1)
        cases.append((acc, m, s))
    if len(cases) % REQUANT_LANES:
        cases.append((0, 1, 0))
    return cases


def gen_requant(out):
    names = []
    for name, acc_w, mult_w, shift_w, out_w, lo, hi, zero_point in REQUANT_CONFIGS:
        for mode, mode_name in ((HALF_UP, "half_up"), (HALF_EVEN, "half_even"), (FLOOR, "floor")):
            rng = random.Random("requant-" + name)
            cases = requant_cases(rng, acc_w, mult_w, shift_w, lo, hi, zero_point)
            cfg = "%s_%s" % (name, mode_name)
            lane_w = acc_w + mult_w + shift_w
            words, expected = [], []
            for i in range(0, len(cases), REQUANT_LANES):
                word, exp = 0, 0
                for lane, (acc, m, s) in enumerate(cases[i:i + REQUANT_LANES]):
                    packed = (to_bits(acc, acc_w) << (mult_w + shift_w)) | (m << shift_w) | s
                    word |= packed << (lane * lane_w)
                    exp |= to_bits(requant(acc, m, s, mode, lo, hi, zero_point), out_w) << (lane * out_w)
                words.append(word)
                expected.append(exp)
            write_run(out, "requant_" + cfg, "tb_dnngen_requant", {
                "LANES": REQUANT_LANES, "ACC_WIDTH": acc_w, "MULT_WIDTH": mult_w,
                "SHIFT_WIDTH": shift_w, "ROUNDING": mode, "OUT_WIDTH": out_w,
                "OUT_MIN": lo, "OUT_MAX": hi, "ZERO_POINT": zero_point, "N_WORDS": len(words),
            }, {
                "INPUT_FILE": ("input.hex", words, REQUANT_LANES * lane_w),
                "EXPECTED_FILE": ("expected.hex", expected, REQUANT_LANES * out_w),
            })
            names.append(cfg)
    return names


# ------------------------------------------------------------------- MVU

def encode_weight(w, kind, width):
    if kind == INT:
        return to_bits(w, width)
    if kind == BINARY:
        assert w in (-1, 1)
        return 1 if w == 1 else 0
    if kind == TERNARY:
        assert w in (-1, 0, 1)
        return to_bits(w, 2)
    # pow2: sign bit, e = k + 1 (e == 0 is the zero weight)
    if w == 0:
        return 0
    mag = abs(w)
    k = mag.bit_length() - 1
    assert mag == 1 << k and k + 1 < (1 << (width - 1))
    return ((1 if w < 0 else 0) << (width - 1)) | (k + 1)


def random_weight(rng, kind, width, kmax=None):
    if kind == INT:
        lo, hi = -(1 << (width - 1)), (1 << (width - 1)) - 1
        return rng.choice((lo, hi, 0, rng.randint(lo, hi), rng.randint(lo, hi)))
    if kind == BINARY:
        return rng.choice((-1, 1))
    if kind == TERNARY:
        return rng.choice((-1, 0, 1))
    top = (1 << (width - 1)) - 2 if kmax is None else kmax
    k = rng.choice((0, top, rng.randint(0, top)))
    return rng.choice((0, 1 << k, -(1 << k)))


# name: the fold, the types and the rounding of one MVU bench run.
MVU_CONFIGS = [
    dict(name="int8_u8_half_up", PE=2, SIMD=4, NF=3, SF=2, IN_LANES=1, IN_BEATS=8,
         IN_WIDTH=8, IN_SIGNED=0, WEIGHT_WIDTH=8, WEIGHT_KIND=INT, BIAS_WIDTH=16,
         ROUNDING=HALF_UP, OUT_WIDTH=8, OUT_MIN=-128, OUT_MAX=127),
    dict(name="int4_s8_half_even_simd1", PE=1, SIMD=1, NF=4, SF=5, IN_LANES=1, IN_BEATS=5,
         IN_WIDTH=8, IN_SIGNED=1, WEIGHT_WIDTH=4, WEIGHT_KIND=INT, BIAS_WIDTH=12,
         ROUNDING=HALF_EVEN, OUT_WIDTH=8, OUT_MIN=0, OUT_MAX=255),
    dict(name="binary_u4_floor_padded", PE=4, SIMD=8, NF=2, SF=1, IN_LANES=2, IN_BEATS=3,
         IN_WIDTH=4, IN_SIGNED=0, WEIGHT_WIDTH=1, WEIGHT_KIND=BINARY, BIAS_WIDTH=8,
         ROUNDING=FLOOR, OUT_WIDTH=4, OUT_MIN=-8, OUT_MAX=7),
    dict(name="ternary_s8_half_up_u16", PE=3, SIMD=2, NF=1, SF=3, IN_LANES=3, IN_BEATS=2,
         IN_WIDTH=8, IN_SIGNED=1, WEIGHT_WIDTH=2, WEIGHT_KIND=TERNARY, BIAS_WIDTH=10,
         ROUNDING=HALF_UP, OUT_WIDTH=16, OUT_MIN=0, OUT_MAX=65535),
    dict(name="pow2w4_u8_half_even_s16", PE=2, SIMD=3, NF=2, SF=2, IN_LANES=1, IN_BEATS=5,
         IN_WIDTH=8, IN_SIGNED=0, WEIGHT_WIDTH=4, WEIGHT_KIND=POW2, BIAS_WIDTH=16,
         ROUNDING=HALF_EVEN, OUT_WIDTH=16, OUT_MIN=-32768, OUT_MAX=32767),
    dict(name="pow2w8_s4_floor_u8", PE=2, SIMD=2, NF=3, SF=2, IN_LANES=4, IN_BEATS=1,
         IN_WIDTH=4, IN_SIGNED=1, WEIGHT_WIDTH=8, WEIGHT_KIND=POW2, BIAS_WIDTH=20,
         ROUNDING=FLOOR, OUT_WIDTH=8, OUT_MIN=0, OUT_MAX=255, POW2_KMAX=24),
    dict(name="int16_s16_bias48_floor", PE=2, SIMD=2, NF=2, SF=1, IN_LANES=2, IN_BEATS=1,
         IN_WIDTH=16, IN_SIGNED=1, WEIGHT_WIDTH=16, WEIGHT_KIND=INT, BIAS_WIDTH=48,
         ROUNDING=FLOOR, OUT_WIDTH=16, OUT_MIN=-32768, OUT_MAX=32767),
    dict(name="int2_u1_tiny", PE=1, SIMD=1, NF=2, SF=1, IN_LANES=1, IN_BEATS=1,
         IN_WIDTH=1, IN_SIGNED=0, WEIGHT_WIDTH=2, WEIGHT_KIND=INT, BIAS_WIDTH=2,
         ROUNDING=HALF_UP, OUT_WIDTH=1, OUT_MIN=0, OUT_MAX=1),
    dict(name="int8_input_bound", PE=4, SIMD=16, NF=1, SF=1, IN_LANES=1, IN_BEATS=16,
         IN_WIDTH=8, IN_SIGNED=0, WEIGHT_WIDTH=8, WEIGHT_KIND=INT, BIAS_WIDTH=16,
         ROUNDING=HALF_EVEN, OUT_WIDTH=8, OUT_MIN=-128, OUT_MAX=127),
    # FIFO_DEPTH 8 is the least that keeps one issue a clock at SF = 2 (16 at SF = 1).
    dict(name="int8_sf2_fifo8", PE=1, SIMD=2, NF=9, SF=2, IN_LANES=2, IN_BEATS=2,
         IN_WIDTH=8, IN_SIGNED=1, WEIGHT_WIDTH=8, WEIGHT_KIND=INT, BIAS_WIDTH=16,
         ROUNDING=HALF_UP, OUT_WIDTH=8, OUT_MIN=-128, OUT_MAX=127, FIFO_DEPTH=8),
    dict(name="ternary_sf1_fifo16_half_even", PE=2, SIMD=5, NF=6, SF=1, IN_LANES=1, IN_BEATS=4,
         IN_WIDTH=6, IN_SIGNED=0, WEIGHT_WIDTH=2, WEIGHT_KIND=TERNARY, BIAS_WIDTH=9,
         ROUNDING=HALF_EVEN, OUT_WIDTH=6, OUT_MIN=-32, OUT_MAX=31, FIFO_DEPTH=16),
]
MVU_VECTORS = 12
MULT_WIDTH, SHIFT_WIDTH = 31, 6


def requant_params(rng, accs, out_lo, out_hi, row):
    """(m, s) for one row from the accumulators it will see: most rows put
    them across the output range (so few outputs clamp); some use the
    extremes m = 2^31-1 or s = 0, and small shifts with m = 2^j give ties."""
    mmax = (1 << MULT_WIDTH) - 1
    top = max(max(abs(a) for a in accs), 1)
    out_bits = max(out_hi - out_lo, 1).bit_length()
    kind = row % 4
    if kind == 0:
        m = mmax
    elif kind == 1:
        m = 1 << rng.randint(0, 3)
    else:
        m = rng.randint(1 << rng.randint(0, 29), mmax) >> rng.randint(0, 8)
    s = (top * m).bit_length() - out_bits + rng.randint(0, 2)
    if kind == 1:
        # m = 2^j with s = j+1: every odd accumulator is an exact tie.
        s = max(s, m.bit_length())
    return m, min(max(s, 0), 62)


def mvu_rom_words(weight, param, pe, simd, nf, sf, weight_width, bias_width):
    """The weight and parameter ROM words of a dnngen_mvu fold. weight(r, c)
    is row r's weight code for column c, param(r) its (bias, m, s); a weight
    word holds SIMD columns of PE rows, a parameter word PE rows, the first
    in the low bits."""
    wwords = [pack([weight(rg * pe + p, cg * simd + j) for p in range(pe) for j in range(simd)], weight_width)
              for rg in range(nf) for cg in range(sf)]
    pwords = []
    for rg in range(nf):
        entries = []
        for p in range(pe):
            bias, m, s = param(rg * pe + p)
            entries.append((to_bits(bias, bias_width) << (MULT_WIDTH + SHIFT_WIDTH)) | (m << SHIFT_WIDTH) | s)
        pwords.append(pack(entries, bias_width + MULT_WIDTH + SHIFT_WIDTH))
    return wwords, pwords


def gen_mvu(out):
    names = []
    for cfg in MVU_CONFIGS:
        rng = random.Random("mvu-" + cfg["name"])
        pe, simd, nf, sf = cfg["PE"], cfg["SIMD"], cfg["NF"], cfg["SF"]
        lanes, beats = cfg["IN_LANES"], cfg["IN_BEATS"]
        in_w, in_s = cfg["IN_WIDTH"], cfg["IN_SIGNED"]
        ww, kind = cfg["WEIGHT_WIDTH"], cfg["WEIGHT_KIND"]
        bias_w, mode = cfg["BIAS_WIDTH"], cfg["ROUNDING"]
        out_w, out_lo, out_hi = cfg["OUT_WIDTH"], cfg["OUT_MIN"], cfg["OUT_MAX"]
        rows, cols, n_in = nf * pe, sf * simd, lanes * beats
        assert n_in <= cols, cfg["name"]
        x_lo, x_hi = input_range(in_w, in_s)
        x_abs = max(abs(x_lo), abs(x_hi))

        # Weights: also in the padding columns (their inputs must read as 0).
        weights = [[random_weight(rng, kind, ww, cfg.get("POW2_KMAX")) for _ in range(cols)]
                   for _ in range(rows)]
        # Biases: the extremes of BIAS_WIDTH on two rows, else about the
        # size of the dot products.
        b_lo, b_hi = -(1 << (bias_w - 1)), (1 << (bias_w - 1)) - 1
        biases = []
        for r in range(rows):
            dot = max(sum(abs(w) for w in weights[r][:n_in]) * x_abs, 1)
            if r == 1 or (r == 0 and rows == 1):
                biases.append(b_hi)
            elif r == 2:
                biases.append(b_lo)
            else:
                biases.append(min(max(rng.randint(-dot, dot), b_lo), b_hi))
        # Exact worst case over the real columns, as the generator computes it.
        bound = max(sum(abs(w) for w in weights[r][:n_in]) * x_abs + abs(biases[r])
                    for r in range(rows))
        acc_w = max(signed_bits(-bound, bound), bias_w, 2)

        vectors = [[x_hi] * n_in, [x_lo] * n_in,
                   [x_hi if i % 2 else x_lo for i in range(n_in)]]
        while len(vectors) < MVU_VECTORS:
            vectors.append([rng.randint(x_lo, x_hi) for _ in range(n_in)])

        accs = [[biases[r] + sum(weights[r][i] * x[i] for i in range(n_in)) for r in range(rows)]
                for x in vectors]
        params = [requant_params(rng, [a[r] for a in accs], out_lo, out_hi, r) for r in range(rows)]

        expected = []
        for a in accs:
            for r in range(rows):
                assert -(1 << (acc_w - 1)) <= a[r] < (1 << (acc_w - 1))
                m, s = params[r]
                expected.append(to_bits(requant(a[r], m, s, mode, out_lo, out_hi), out_w))

        wwords, pwords = mvu_rom_words(lambda r, c: encode_weight(weights[r][c], kind, ww),
                                       lambda r: (biases[r],) + tuple(params[r]), pe, simd, nf, sf, ww, bias_w)
        flags = {k: cfg[k] for k in ("PE", "SIMD", "NF", "SF", "IN_LANES", "IN_BEATS", "IN_WIDTH",
                                     "IN_SIGNED", "WEIGHT_WIDTH", "WEIGHT_KIND", "BIAS_WIDTH",
                                     "ROUNDING", "OUT_WIDTH", "OUT_MIN", "OUT_MAX")}
        flags.update({
            "ACC_WIDTH": acc_w, "MULT_WIDTH": MULT_WIDTH, "SHIFT_WIDTH": SHIFT_WIDTH,
            "FIFO_DEPTH": cfg.get("FIFO_DEPTH", 16),
            "WADDR_WIDTH": max(1, clog2(nf * sf)), "PADDR_WIDTH": max(1, clog2(nf)),
            "N_VEC": MVU_VECTORS,
            # Back-to-back vectors: NF*SF issue cycles, or the input beats if slower.
            "EXPECT_II": max(nf * sf, beats),
        })
        pw = bias_w + MULT_WIDTH + SHIFT_WIDTH
        write_run(out, "mvu_" + cfg["name"], "tb_dnngen_mvu", flags, {
            "WEIGHT_FILE": ("weights.hex", wwords, pe * simd * ww),
            "PARAM_FILE": ("params.hex", pwords, pe * pw),
            "INPUT_FILE": ("input.hex", [to_bits(v, in_w) for x in vectors for v in x], in_w),
            "EXPECTED_FILE": ("expected.hex", expected, out_w),
        })
        names.append(cfg["name"])
    return names



# -------------------------------------------------------------------- SWU

# name: geometry of one sliding-window-unit bench run (N_IMG images).
SWU_CONFIGS = [
    dict(name="k3s1p1_c1_8x8", WIDTH=8, CHANNELS=1, LANES=1, IMG_H=8, IMG_W=8,
         KERNEL_H=3, KERNEL_W=3, STRIDE_H=1, STRIDE_W=1, PAD_H=1, PAD_W=1),
    dict(name="k5s1p2_c1_28x28", WIDTH=8, CHANNELS=1, LANES=1, IMG_H=28, IMG_W=28,
         KERNEL_H=5, KERNEL_W=5, STRIDE_H=1, STRIDE_W=1, PAD_H=2, PAD_W=2),
    dict(name="k5s2p2_c1_28x28_floor", WIDTH=8, CHANNELS=1, LANES=1, IMG_H=28, IMG_W=28,
         KERNEL_H=5, KERNEL_W=5, STRIDE_H=2, STRIDE_W=2, PAD_H=2, PAD_W=2),
    dict(name="k5s1p0_c6l6_12x12", WIDTH=8, CHANNELS=6, LANES=6, IMG_H=12, IMG_W=12,
         KERNEL_H=5, KERNEL_W=5, STRIDE_H=1, STRIDE_W=1, PAD_H=0, PAD_W=0),
    dict(name="k5s1p0_c6l2_14x11", WIDTH=8, CHANNELS=6, LANES=2, IMG_H=14, IMG_W=11,
         KERNEL_H=5, KERNEL_W=5, STRIDE_H=1, STRIDE_W=1, PAD_H=0, PAD_W=0),
    dict(name="k3s2p0_c4l2_8x10_floor", WIDTH=8, CHANNELS=4, LANES=2, IMG_H=8, IMG_W=10,
         KERNEL_H=3, KERNEL_W=3, STRIDE_H=2, STRIDE_W=2, PAD_H=0, PAD_W=0),
    dict(name="k3s2p1_c4l1_7x9", WIDTH=6, CHANNELS=4, LANES=1, IMG_H=7, IMG_W=9,
         KERNEL_H=3, KERNEL_W=3, STRIDE_H=2, STRIDE_W=2, PAD_H=1, PAD_W=1),
    dict(name="k2s2p0_c3l3_5x7_floor", WIDTH=8, CHANNELS=3, LANES=3, IMG_H=5, IMG_W=7,
         KERNEL_H=2, KERNEL_W=2, STRIDE_H=2, STRIDE_W=2, PAD_H=0, PAD_W=0),
    dict(name="k4s2p2_c5l1_9x6", WIDTH=4, CHANNELS=5, LANES=1, IMG_H=9, IMG_W=6,
         KERNEL_H=4, KERNEL_W=4, STRIDE_H=2, STRIDE_W=2, PAD_H=2, PAD_W=2),
    dict(name="k1x3s1x2p0x1_c2l2_4x6", WIDTH=8, CHANNELS=2, LANES=2, IMG_H=4, IMG_W=6,
         KERNEL_H=1, KERNEL_W=3, STRIDE_H=1, STRIDE_W=2, PAD_H=0, PAD_W=1),
    dict(name="k3x2s2x1p2x0_c2l1_5x4", WIDTH=8, CHANNELS=2, LANES=1, IMG_H=5, IMG_W=4,
         KERNEL_H=3, KERNEL_W=2, STRIDE_H=2, STRIDE_W=1, PAD_H=2, PAD_W=0),
    dict(name="k3s1p2_c3l1_w1_5x4", WIDTH=1, CHANNELS=3, LANES=1, IMG_H=5, IMG_W=4,
         KERNEL_H=3, KERNEL_W=3, STRIDE_H=1, STRIDE_W=1, PAD_H=2, PAD_W=2),
    dict(name="k1s1p0_c2l1_1x1", WIDTH=8, CHANNELS=2, LANES=1, IMG_H=1, IMG_W=1,
         KERNEL_H=1, KERNEL_W=1, STRIDE_H=1, STRIDE_W=1, PAD_H=0, PAD_W=0),
    dict(name="k3s1p1_c6l2_1x1", WIDTH=8, CHANNELS=6, LANES=2, IMG_H=1, IMG_W=1,
         KERNEL_H=3, KERNEL_W=3, STRIDE_H=1, STRIDE_W=1, PAD_H=1, PAD_W=1),
    dict(name="k3s1p1_c1_6x1", WIDTH=8, CHANNELS=1, LANES=1, IMG_H=6, IMG_W=1,
         KERNEL_H=3, KERNEL_W=3, STRIDE_H=1, STRIDE_W=1, PAD_H=1, PAD_W=1),
    dict(name="k1s1p1_c2l2_3x4_allpad", WIDTH=8, CHANNELS=2, LANES=2, IMG_H=3, IMG_W=4,
         KERNEL_H=1, KERNEL_W=1, STRIDE_H=1, STRIDE_W=1, PAD_H=1, PAD_W=1),
    dict(name="k5s1p0_c1_5x5", WIDTH=8, CHANNELS=1, LANES=1, IMG_H=5, IMG_W=5,
         KERNEL_H=5, KERNEL_W=5, STRIDE_H=1, STRIDE_W=1, PAD_H=0, PAD_W=0),
]
SWU_IMAGES = 3


def random_image(rng, h, w, c, width):
    """Elements of one HWC image; mostly non-zero so that a real element
    read as padding (or the reverse) shows."""
    top = (1 << width) - 1
    lo = 1 if top > 1 else 0
    return [rng.choice((top, lo, rng.randint(lo, top), rng.randint(lo, top)))
            for _ in range(h * w * c)]


def swu_timing(cfg):
    """(cycles per image, latency) of dnngen_swu with the output never
    blocking: the padded image is scanned in raster order, BEATS clocks for
    a real pixel, 1 for a padding pixel; a window is valid the clock after
    the step that completes it. Latency = first window valid minus first
    input beat accepted (negative when the first window is all padding)."""
    h, w, ph, pw = cfg["IMG_H"], cfg["IMG_W"], cfg["PAD_H"], cfg["PAD_W"]
    beats = cfg["CHANNELS"] // cfg["LANES"]
    hh, ww = h + 2 * ph, w + 2 * pw
    cost = [beats if (ph <= r < ph + h and pw <= c < pw + w) else 1
            for r in range(hh) for c in range(ww)]
    start = [sum(cost[:k]) for k in range(len(cost))]
    first_real = ph * ww + pw
    first_win = (cfg["KERNEL_H"] - 1) * ww + cfg["KERNEL_W"] - 1
    return sum(cost), start[first_win] + cost[first_win] - start[first_real]


def gen_swu(out):
    names = []
    for cfg in SWU_CONFIGS:
        rng = random.Random("swu-" + cfg["name"])
        wd, ch, lanes = cfg["WIDTH"], cfg["CHANNELS"], cfg["LANES"]
        h, w = cfg["IMG_H"], cfg["IMG_W"]
        kh, kw = cfg["KERNEL_H"], cfg["KERNEL_W"]
        sh, sw = cfg["STRIDE_H"], cfg["STRIDE_W"]
        ph, pw = cfg["PAD_H"], cfg["PAD_W"]
        assert ch % lanes == 0 and kh <= h + 2 * ph and kw <= w + 2 * pw, cfg["name"]
        out_h = (h + 2 * ph - kh) // sh + 1
        out_w = (w + 2 * pw - kw) // sw + 1
        inputs, expected = [], []
        for _ in range(SWU_IMAGES):
            img = random_image(rng, h, w, ch, wd)
            inputs += img
            for oh in range(out_h):
                for ow in range(out_w):
                    for ki in range(kh):
                        for kj in range(kw):
                            r, c = oh * sh - ph + ki, ow * sw - pw + kj
                            for k in range(ch):
                                inside = 0 <= r < h and 0 <= c < w
                                expected.append(img[(r * w + c) * ch + k] if inside else 0)
        cycles, latency = swu_timing(cfg)
        flags = {k: v for k, v in cfg.items() if k != "name"}
        flags.update({
            "N_IMG": SWU_IMAGES,
            "EXPECT_II": cycles,
            "LATENCY": latency,
            "PADDING": (h + 2 * ph) * (w + 2 * pw) - h * w,
        })
        write_run(out, "swu_" + cfg["name"], "tb_dnngen_swu", flags, {
            "INPUT_FILE": ("input.hex", inputs, wd),
            "EXPECTED_FILE": ("expected.hex", expected, wd),
        })
        names.append(cfg["name"])
    return names


# ---------------------------------------------------------------- maxpool

# name: geometry and comparison of one max-pooling bench run.
POOL_CONFIGS = [
    dict(name="k2x2_u8_c1_28x28", WIDTH=8, SIGNED=0, CHANNELS=1, LANES=1, IMG_H=28, IMG_W=28,
         KERNEL_H=2, KERNEL_W=2),
    dict(name="k2x2_s8_c6l2_10x10", WIDTH=8, SIGNED=1, CHANNELS=6, LANES=2, IMG_H=10, IMG_W=10,
         KERNEL_H=2, KERNEL_W=2),
    dict(name="k2x2_s8_c6l6_5x7_odd", WIDTH=8, SIGNED=1, CHANNELS=6, LANES=6, IMG_H=5, IMG_W=7,
         KERNEL_H=2, KERNEL_W=2),
    dict(name="k2x2_u8_c4l2_7x5_odd", WIDTH=8, SIGNED=0, CHANNELS=4, LANES=2, IMG_H=7, IMG_W=5,
         KERNEL_H=2, KERNEL_W=2),
    dict(name="k3x3_s4_c4l4_7x8", WIDTH=4, SIGNED=1, CHANNELS=4, LANES=4, IMG_H=7, IMG_W=8,
         KERNEL_H=3, KERNEL_W=3),
    dict(name="k3x3_u6_c2l1_9x11", WIDTH=6, SIGNED=0, CHANNELS=2, LANES=1, IMG_H=9, IMG_W=11,
         KERNEL_H=3, KERNEL_W=3),
    dict(name="k2x1_u8_c3l1_5x3", WIDTH=8, SIGNED=0, CHANNELS=3, LANES=1, IMG_H=5, IMG_W=3,
         KERNEL_H=2, KERNEL_W=1),
    dict(name="k2x1_s8_c2l2_3x4", WIDTH=8, SIGNED=1, CHANNELS=2, LANES=2, IMG_H=3, IMG_W=4,
         KERNEL_H=2, KERNEL_W=1),
    dict(name="k1x2_s3_c1_3x5", WIDTH=3, SIGNED=1, CHANNELS=1, LANES=1, IMG_H=3, IMG_W=5,
         KERNEL_H=1, KERNEL_W=2),
    dict(name="k2x2_u1_c2l1_2x2", WIDTH=1, SIGNED=0, CHANNELS=2, LANES=1, IMG_H=2, IMG_W=2,
         KERNEL_H=2, KERNEL_W=2),
]
POOL_IMAGES = 3


def gen_pool(out):
    names = []
    for cfg in POOL_CONFIGS:
        rng = random.Random("pool-" + cfg["name"])
        wd, signed, ch, lanes = cfg["WIDTH"], cfg["SIGNED"], cfg["CHANNELS"], cfg["LANES"]
        h, w, kh, kw = cfg["IMG_H"], cfg["IMG_W"], cfg["KERNEL_H"], cfg["KERNEL_W"]
        assert ch % lanes == 0 and kh <= h and kw <= w, cfg["name"]
        lo, hi = input_range(wd, signed)
        out_h, out_w = h // kh, w // kw
        inputs, expected = [], []
        for _ in range(POOL_IMAGES):
            # Extremes, values on both sides of the sign bit (so a signed and
            # an unsigned compare differ), and random values.
            img = [rng.choice((lo, hi, -1 if signed else hi // 2 + 1, rng.randint(lo, hi),
                               rng.randint(lo, hi), rng.randint(lo, hi)))
                   for _ in range(h * w * ch)]
            inputs += img
            for oh in range(out_h):
                for ow in range(out_w):
                    for k in range(ch):
                        expected.append(max(img[((oh * kh + ki) * w + ow * kw + kj) * ch + k]
                                            for ki in range(kh) for kj in range(kw)))
        beats = ch // lanes
        flags = {k: v for k, v in cfg.items() if k != "name"}
        flags.update({
            "N_IMG": POOL_IMAGES,
            "EXPECT_II": h * w * beats,
            "LATENCY": ((kh - 1) * w + kw - 1) * beats + 1,
        })
        write_run(out, "pool_" + cfg["name"], "tb_dnngen_maxpool", flags, {
            "INPUT_FILE": ("input.hex", [to_bits(v, wd) for v in inputs], wd),
            "EXPECTED_FILE": ("expected.hex", [to_bits(v, wd) for v in expected], wd),
        })
        names.append(cfg["name"])
    return names


def gen_tb_selftest(out, name="tb_selftest", pruned_cols=(2, 7, 8), tail_hold=0):
    """A pruned dense layer wired as the generator would: stream_select ->
    MVU -> stream_expand, checked by dnngen_tb against the reference of the
    uncompacted layer. tail_hold > 0: the bench holds the last tail_hold
    input elements of a vector (pruned here) until its output is out."""
    rng = random.Random("tb-selftest")
    in_len, out_len = 12, 10
    in_w, in_signed, w_bits = 8, 0, 4
    out_w, out_lo, out_hi, mode = 8, -128, 127, HALF_EVEN
    bias_w = 16
    pruned_cols, pruned_rows = set(pruned_cols), {0, 5, 9}
    assert all(in_len - 1 - t in pruned_cols for t in range(tail_hold))
    weights = [[0 if (c in pruned_cols or r in pruned_rows) else rng.randint(-8, 7)
                for c in range(in_len)] for r in range(out_len)]
    for r in range(out_len):
        if r not in pruned_rows:
            weights[r][rng.choice([c for c in range(in_len) if c not in pruned_cols])] = 7
    biases = [rng.randint(-3000, 3000) for _ in range(out_len)]
    mults = [rng.randint(1 << 20, (1 << 31) - 1) for _ in range(out_len)]
    n_vec = 6
    x_lo, x_hi = input_range(in_w, in_signed)
    # Shifts that bring each row's largest accumulator to about the output range.
    shifts = [max(0, ((sum(abs(w) for w in weights[r]) * x_hi + abs(biases[r])) * mults[r]).bit_length()
                  - 8 + rng.randint(-1, 1)) for r in range(out_len)]
    vectors = [[x_hi] * in_len, [x_lo] * in_len]
    while len(vectors) < n_vec:
        vectors.append([rng.randint(x_lo, x_hi) for _ in range(in_len)])
    expected = []
    for x in vectors:
        for r in range(out_len):
            acc = biases[r] + sum(weights[r][i] * x[i] for i in range(in_len))
            expected.append(requant(acc, mults[r], shifts[r], mode, out_lo, out_hi))

    # The hardware plan: compacted rows and columns, folded.
    cols = [c for c in range(in_len) if c not in pruned_cols]
    rows = [r for r in range(out_len) if r not in pruned_rows]
    pe, simd = 2, 3
    nf, sf = -(-len(rows) // pe), -(-len(cols) // simd)
    rows_p = rows + [None] * (nf * pe - len(rows))
    x_abs = max(abs(x_lo), abs(x_hi))
    bound = max(sum(abs(w) for w in weights[r]) * x_abs + abs(biases[r]) for r in rows)
    acc_w = max(signed_bits(-bound, bound), bias_w)
    pw = bias_w + MULT_WIDTH + SHIFT_WIDTH

    def weight(r, c):
        return weights[rows_p[r]][cols[c]] if (rows_p[r] is not None and c < len(cols)) else 0

    def param(r):
        return (biases[rows_p[r]], mults[rows_p[r]], shifts[rows_p[r]]) if rows_p[r] is not None else (0, 1, 0)

    wwords, pwords = mvu_rom_words(weight, param, pe, simd, nf, sf, w_bits, bias_w)
    keep_in = sum(1 << c for c in cols)
    keep_out = sum(1 << r for r in rows)
    consts = 0
    for r in pruned_rows:
        consts |= to_bits(requant(biases[r], mults[r], shifts[r], mode, out_lo, out_hi), out_w) << (r * out_w)

    bad = list(expected)
    bad[out_len + 3] = bad[out_len + 3] + 1 if bad[out_len + 3] < out_hi else out_lo
    d = write_run(out, name, "tb_dnngen_tb", {
        "IN_LEN": in_len, "OUT_LEN": out_len, "N_VEC": n_vec,
        "IN_WIDTH": in_w, "IN_SIGNED": in_signed, "OUT_WIDTH": out_w,
        "OUT_MIN": out_lo, "OUT_MAX": out_hi,
        "KEEP_IN": Raw("%d'h%x" % (in_len, keep_in)),
        "KEEP_OUT": Raw("%d'h%x" % (out_len, keep_out)),
        "CONSTS": Raw("%d'h%x" % (out_len * out_w, consts)),
        "K_IN": len(cols), "PE": pe, "SIMD": simd, "NF": nf, "SF": sf,
        "WEIGHT_WIDTH": w_bits, "ACC_WIDTH": acc_w, "BIAS_WIDTH": bias_w,
        "ROUNDING": mode,
        "WADDR_WIDTH": max(1, clog2(nf * sf)), "PADDR_WIDTH": max(1, clog2(nf)),
        "TAIL_HOLD": tail_hold,
    }, {
        "WEIGHT_FILE": ("weights.hex", wwords, pe * simd * w_bits),
        "PARAM_FILE": ("params.hex", pwords, pe * pw),
        "INPUT_FILE": ("input.hex", [to_bits(v, in_w) for x in vectors for v in x], in_w),
    })
    # The Makefile chooses the expected file: the right one, or one element off (must FAIL).
    write_hex(os.path.join(d, "expected.hex"), [to_bits(v, out_w) for v in expected], out_w)
    write_hex(os.path.join(d, "expected_bad.hex"), [to_bits(v, out_w) for v in bad], out_w)
    with open(os.path.join(d, "expected.txt"), "w") as f:
        f.write("".join("%d\n" % v for v in expected))


def run_generator(doc, run_names, generate):
    """The command line of a vector generator: --list-KIND prints the names of
    the runs of KIND (run_names: {KIND: names}) for the Makefile; without it,
    generate(out) writes every run under --out."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--out", default="build")
    for kind in run_names:
        ap.add_argument("--list-" + kind, action="store_true")
    args = ap.parse_args()
    for kind, names in run_names.items():
        if getattr(args, "list_" + kind.replace("-", "_")):
            print(" ".join(names))
            return
    generate(args.out)


def generate_all(out):
    gen_rom(out)
    gen_requant(out)
    gen_mvu(out)
    gen_swu(out)
    gen_pool(out)
    gen_tb_selftest(out)
    gen_tb_selftest(out, "tb_selftest_tail", pruned_cols=(2, 7, 10, 11), tail_hold=2)


def main():
    run_generator(__doc__, {
        "requant": ["%s_%s" % (c[0], m) for c in REQUANT_CONFIGS for m in ("half_up", "half_even", "floor")],
        "mvu": [c["name"] for c in MVU_CONFIGS],
        "rom": [c[0] for c in ROM_CONFIGS],
        "swu": [c["name"] for c in SWU_CONFIGS],
        "pool": [c["name"] for c in POOL_CONFIGS],
    }, generate_all)


if __name__ == "__main__":
    main()
