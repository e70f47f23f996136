#!/usr/bin/env python3
"""Stimuli and expected values for the benches of the sparse lane engine
(dnngen_sparse_decoder, dnngen_sparse_lane_mvu).

An independent reference, in plain Python integers, of the code streams
(relative with escapes, Golomb-Rice with escapes, bitmap = Rice with k = 0),
the arithmetic, and the engine's cycle bound. Each configuration gets a
directory under OUT with $readmemh images and an `iverilog.flags` file.

    python3 gen_sparse_lane.py [--out build] [--list-lane | --list-decoder]

Fixed seeds: the files are byte-identical on every run.
"""

import argparse
import os
import random

from gen_vectors import (BINARY, FLOOR, HALF_EVEN, HALF_UP, INT, MULT_WIDTH, POW2, SHIFT_WIDTH, TERNARY, Raw,
                         clog2, encode_weight, input_range, random_weight, requant, requant_params, signed_bits,
                         run_generator, to_bits, write_flags, write_hex, write_run)

RELATIVE, RICE = 0, 1


def code_bits(fmt, param, qmax, cols):
    """(largest gap one code holds, escape advance)."""
    if fmt == RELATIVE:
        esc = (1 << param) - 1
        return esc - 1, esc
    esc = qmax << param
    return esc - 1, esc


def row_span(fmt, param, qmax, cols):
    """Row boundaries the longest code crosses."""
    return max(1, -(-code_bits(fmt, param, qmax, cols)[1] // cols))


def encode_group(rows, cols, fmt, param, qmax, kind, ww):
    """Codes of one group: rows is the list of its rows (local order). Returns
    (bits LSB first, codes)."""
    maxgap, esc = code_bits(fmt, param, qmax, cols)
    bits, codes = [], 0
    cursor = 0
    for lr, row in enumerate(rows):
        for c, w in enumerate(row):
            if w == 0:
                continue
            n = lr * cols + c
            gap = n - cursor
            while gap > maxgap:
                if fmt == RELATIVE:
                    bits += [1] * param
                else:
                    bits += [0] * qmax
                codes += 1
                gap -= esc
            if fmt == RELATIVE:
                bits += [(gap >> i) & 1 for i in range(param)]
            else:
                q, r = gap >> param, gap & ((1 << param) - 1)
                bits += [0] * q + [1] + [(r >> i) & 1 for i in range(param)]
            code = encode_weight(w, kind, ww)
            bits += [(code >> i) & 1 for i in range(ww)]
            codes += 1
            cursor = n + 1
    return bits, codes


def pack(bits, sw):
    words = []
    for start in range(0, len(bits), sw):
        chunk = bits[start:start + sw]
        words.append(sum(b << i for i, b in enumerate(chunk)))
    return words


def stream_width(fmt, param, qmax, ww):
    maxlen = param + ww if fmt == RELATIVE else qmax + 1 + param + ww
    sw = 8
    while sw < maxlen:
        sw *= 2
    return sw


# name: shape, grouping, lanes, code format and types of one
# dnngen_sparse_lane_mvu bench run. FORMAT/PARAM: relative INDEX_BITS, or
# Rice k (0 = bitmap); QMAX escape length of Rice. DENSITY of non-zeros,
# EMPTY_ROWS whole zero rows, EMPTY_GROUP: a group with no non-zero.
LANE_CONFIGS = [
    dict(name="rice2_g2_l3_int4_u8", G=2, LANES=3, ROWS=7, DRAIN_ROWS=2, VECTORS=5, IN_LANES=1, IN_BEATS=16,
         IN_WIDTH=8, IN_SIGNED=0, WEIGHT_WIDTH=4, WEIGHT_KIND=INT, FORMAT=RICE, PARAM=2, QMAX=4,
         DENSITY=0.15, EMPTY_ROWS=1, BIAS_WIDTH=12, ROUNDING=HALF_UP, OUT_WIDTH=8, OUT_MIN=-128, OUT_MAX=127),
    dict(name="bitmap_g1_l4_int4_s8_conv", G=1, LANES=4, ROWS=6, DRAIN_ROWS=6, VECTORS=9, IN_LANES=25, IN_BEATS=1,
         IN_WIDTH=8, IN_SIGNED=1, WEIGHT_WIDTH=4, WEIGHT_KIND=INT, FORMAT=RICE, PARAM=0, QMAX=16,
         DENSITY=0.1, EMPTY_ROWS=1, BIAS_WIDTH=12, ROUNDING=HALF_EVEN, OUT_WIDTH=8, OUT_MIN=0, OUT_MAX=255,
         ZERO_POINT=37),
    dict(name="relative4_g3_l1_int4_u8_dense_layer", G=3, LANES=1, ROWS=20, DRAIN_ROWS=1, VECTORS=1, IN_LANES=4,
         IN_BEATS=10, IN_WIDTH=8, IN_SIGNED=0, WEIGHT_WIDTH=4, WEIGHT_KIND=INT, FORMAT=RELATIVE, PARAM=4, QMAX=0,
         DENSITY=0.08, EMPTY_ROWS=3, BIAS_WIDTH=12, ROUNDING=HALF_UP, OUT_WIDTH=8, OUT_MIN=-128, OUT_MAX=127),
    dict(name="relative1_g2_l2_ternary_s6", G=2, LANES=2, ROWS=9, DRAIN_ROWS=5, VECTORS=3, IN_LANES=3, IN_BEATS=3,
         IN_WIDTH=6, IN_SIGNED=1, WEIGHT_WIDTH=2, WEIGHT_KIND=TERNARY, FORMAT=RELATIVE, PARAM=1, QMAX=0,
         DENSITY=0.3, EMPTY_ROWS=1, BIAS_WIDTH=10, ROUNDING=FLOOR, OUT_WIDTH=6, OUT_MIN=-32, OUT_MAX=31),
    dict(name="rice4_g4_l2_pow2_u8_empty_group", G=4, LANES=2, ROWS=13, DRAIN_ROWS=2, VECTORS=4, IN_LANES=8,
         IN_BEATS=5, IN_WIDTH=8, IN_SIGNED=0, WEIGHT_WIDTH=4, WEIGHT_KIND=POW2, FORMAT=RICE, PARAM=4, QMAX=2,
         DENSITY=0.05, EMPTY_ROWS=0, EMPTY_GROUP=1, BIAS_WIDTH=16, ROUNDING=HALF_EVEN, OUT_WIDTH=16,
         OUT_MIN=-32768, OUT_MAX=32767),
    dict(name="rice1_g1_l7_binary_u4", G=1, LANES=7, ROWS=4, DRAIN_ROWS=4, VECTORS=10, IN_LANES=9, IN_BEATS=1,
         IN_WIDTH=4, IN_SIGNED=0, WEIGHT_WIDTH=1, WEIGHT_KIND=BINARY, FORMAT=RICE, PARAM=1, QMAX=3,
         DENSITY=0.4, EMPTY_ROWS=0, BIAS_WIDTH=8, ROUNDING=FLOOR, OUT_WIDTH=4, OUT_MIN=-8, OUT_MAX=7),
    dict(name="rice3_g5_l1_int8_s8_wide", G=5, LANES=1, ROWS=40, DRAIN_ROWS=3, VECTORS=1, IN_LANES=2,
         IN_BEATS=30, IN_WIDTH=8, IN_SIGNED=1, WEIGHT_WIDTH=8, WEIGHT_KIND=INT, FORMAT=RICE, PARAM=3, QMAX=7,
         DENSITY=0.1, EMPTY_ROWS=2, BIAS_WIDTH=20, ROUNDING=HALF_UP, OUT_WIDTH=8, OUT_MIN=-128, OUT_MAX=127),
    dict(name="rice1_span3_g2_l5_int4_conv", G=2, LANES=5, ROWS=6, DRAIN_ROWS=3, VECTORS=12, IN_LANES=11, IN_BEATS=1,
         IN_WIDTH=8, IN_SIGNED=0, WEIGHT_WIDTH=4, WEIGHT_KIND=INT, FORMAT=RICE, PARAM=1, QMAX=16,
         DENSITY=0.08, EMPTY_ROWS=1, BIAS_WIDTH=12, ROUNDING=HALF_UP, OUT_WIDTH=8, OUT_MIN=-128, OUT_MAX=127),
    dict(name="relative2_g1_l1_int2_u1_tiny", G=1, LANES=1, ROWS=1, DRAIN_ROWS=1, VECTORS=1, IN_LANES=1, IN_BEATS=3,
         IN_WIDTH=1, IN_SIGNED=0, WEIGHT_WIDTH=2, WEIGHT_KIND=INT, FORMAT=RELATIVE, PARAM=2, QMAX=0,
         DENSITY=0.7, EMPTY_ROWS=0, BIAS_WIDTH=2, ROUNDING=HALF_UP, OUT_WIDTH=1, OUT_MIN=0, OUT_MAX=1),
]
LANE_INFERENCES = 3


def lane_matrix(rng, cfg):
    rows, cols = cfg["ROWS"], cfg["IN_LANES"] * cfg["IN_BEATS"]
    kind, ww = cfg["WEIGHT_KIND"], cfg["WEIGHT_WIDTH"]

    def nonzero():
        while True:
            w = random_weight(rng, kind, ww)
            if w != 0:
                return w

    empty = set(rng.sample(range(rows), cfg["EMPTY_ROWS"]))
    w = [[0] * cols for _ in range(rows)]
    for r in range(rows):
        if r in empty or (cfg.get("EMPTY_GROUP") is not None and r % cfg["G"] == cfg["EMPTY_GROUP"]):
            continue
        for c in range(cols):
            if rng.random() < cfg["DENSITY"]:
                w[r][c] = nonzero()
    return w


def batches(vectors, lanes):
    sizes, left = [], vectors
    while left > 0:
        sizes.append(min(lanes, left))
        left -= sizes[-1]
    return sizes


def batch_clocks(codes, n, in_beats, out_beats):
    """Clocks of a batch of n vectors back to back (dnngen_sparse_lane_mvu's
    header): the codes; reloading a lane buffer bank (from 2 clocks after
    its batch's last code); draining an accumulator bank (from 3 clocks after
    its batch's last code) before the batch after next."""
    return max(codes, 1, n * in_beats + 2, -(-(codes + 3 + n * out_beats) // 2))


def gen_lane(out):
    for cfg in LANE_CONFIGS:
        rng = random.Random("sparse-lane-" + cfg["name"])
        g, lanes, rows = cfg["G"], cfg["LANES"], cfg["ROWS"]
        cols = cfg["IN_LANES"] * cfg["IN_BEATS"]
        lr = -(-rows // g)
        dr = cfg["DRAIN_ROWS"]
        out_beats = -(-lr // dr)
        out_lanes = g * dr
        kind, ww = cfg["WEIGHT_KIND"], cfg["WEIGHT_WIDTH"]
        fmt, param, qmax = cfg["FORMAT"], cfg["PARAM"], cfg["QMAX"]
        w = lane_matrix(rng, cfg)
        sw = stream_width(fmt, param, qmax, ww)
        streams = []
        for grp in range(g):
            local = [w[r] for r in range(grp, rows, g)]
            bits, codes = encode_group(local, cols, fmt, param, qmax, kind, ww)
            streams.append((pack(bits, sw), codes))
        max_words = max(1, max(len(s[0]) for s in streams))
        max_codes = max(s[1] for s in streams)
        caddr = max(1, clog2(max_words))
        count_w = max(1, max_codes.bit_length())

        x_lo, x_hi = input_range(cfg["IN_WIDTH"], cfg["IN_SIGNED"])
        n_vec = LANE_INFERENCES * cfg["VECTORS"]
        xs = [[rng.choice((x_lo, x_hi, 0, rng.randint(x_lo, x_hi))) for _ in range(cols)] for _ in range(n_vec)]
        bias_lo, bias_hi = -(1 << (cfg["BIAS_WIDTH"] - 1)), (1 << (cfg["BIAS_WIDTH"] - 1)) - 1
        bias = [rng.randint(bias_lo, bias_hi) // rng.choice((1, 4, 64)) for _ in range(rows)]
        accs = [[bias[r] + sum(w[r][c] * x[c] for c in range(cols)) for x in xs] for r in range(rows)]
        worst = [abs(bias[r]) + sum(abs(w[r][c]) * max(abs(x_lo), abs(x_hi)) for c in range(cols)) for r in range(rows)]
        acc_w = max(2, cfg["BIAS_WIDTH"], signed_bits(-max(worst), max(worst)))
        zp = cfg.get("ZERO_POINT", 0)
        params = [requant_params(rng, accs[r], cfg["OUT_MIN"] - zp, cfg["OUT_MAX"] - zp, r) for r in range(rows)]
        out_w = cfg["OUT_WIDTH"]

        d = os.path.join(out, "lane_" + cfg["name"])
        os.makedirs(d, exist_ok=True)
        for grp, (words, _) in enumerate(streams):
            write_hex(os.path.join(d, "code%d.hex" % grp), words or [0], sw)
        pw = cfg["BIAS_WIDTH"] + MULT_WIDTH + SHIFT_WIDTH
        pwords = []
        for b in range(out_beats):
            word = 0
            for k in range(out_lanes):
                r = b * out_lanes + k
                bb, m, s = (bias[r], params[r][0], params[r][1]) if r < rows else (0, 1, 0)
                field = (to_bits(bb, cfg["BIAS_WIDTH"]) << (MULT_WIDTH + SHIFT_WIDTH)) | (m << SHIFT_WIDTH) | s
                word |= field << (k * pw)
            pwords.append(word)
        write_hex(os.path.join(d, "params.hex"), pwords, out_lanes * pw)
        write_hex(os.path.join(d, "input.hex"), [to_bits(v, cfg["IN_WIDTH"]) for x in xs for v in x], cfg["IN_WIDTH"])
        expected = []
        for v in range(n_vec):
            for slot in range(out_beats * out_lanes):
                if slot < rows:
                    y = requant(accs[slot][v], params[slot][0], params[slot][1], cfg["ROUNDING"],
                                cfg["OUT_MIN"], cfg["OUT_MAX"], zp)
                else:
                    y = requant(0, 1, 0, cfg["ROUNDING"], cfg["OUT_MIN"], cfg["OUT_MAX"], zp)
                expected.append(to_bits(y, out_w))
        write_hex(os.path.join(d, "expected.hex"), expected, out_w)

        # Cycle bound of back-to-back inferences (the header's per-batch
        # formula), plus the first batch's load, the last one's drain and the
        # pipeline (12 clocks).
        sizes = batches(cfg["VECTORS"], lanes) * LANE_INFERENCES
        body = sum(batch_clocks(max_codes, n, cfg["IN_BEATS"], out_beats) for n in sizes)
        bound = body + sizes[0] * cfg["IN_BEATS"] + sizes[-1] * out_beats + 12

        codes_packed = 0
        words_packed = 0
        for grp, (words, codes) in enumerate(streams):
            codes_packed |= codes << (grp * count_w)
            words_packed |= len(words) << (grp * (caddr + 1))
        flags = dict(G=g, LANES=lanes, ROWS=rows, LOCAL_ROWS=lr, DRAIN_ROWS=dr, OUT_BEATS=out_beats,
                     VECTORS=cfg["VECTORS"], IN_LANES=cfg["IN_LANES"], IN_BEATS=cfg["IN_BEATS"],
                     IN_WIDTH=cfg["IN_WIDTH"], IN_SIGNED=cfg["IN_SIGNED"], WEIGHT_WIDTH=ww, WEIGHT_KIND=kind,
                     FORMAT=fmt, INDEX_BITS=param if fmt == RELATIVE else 1, RICE_K=param if fmt == RICE else 0,
                     RICE_QMAX=qmax if fmt == RICE else 1, ROW_SPAN=row_span(fmt, param, qmax, cols),
                     STREAM_WIDTH=sw, CADDR_WIDTH=caddr,
                     CODE_DEPTH=max_words, COUNT_WIDTH=count_w,
                     PADDR_WIDTH=max(1, clog2(out_beats)), ACC_WIDTH=acc_w, BIAS_WIDTH=cfg["BIAS_WIDTH"],
                     ROUNDING=cfg["ROUNDING"], OUT_WIDTH=out_w, OUT_MIN=cfg["OUT_MIN"], OUT_MAX=cfg["OUT_MAX"],
                     ZERO_POINT=zp, GROUP_CODES=Raw("%d'h%x" % (g * count_w, codes_packed)),
                     GROUP_WORDS=Raw("%d'h%x" % (g * (caddr + 1), words_packed)),
                     N_VEC=n_vec, BOUND=bound, NNZ=sum(1 for row in w for v in row if v != 0),
                     CODE_PREFIX=os.path.join(d, "code"), PARAM_FILE=os.path.join(d, "params.hex"),
                     INPUT_FILE=os.path.join(d, "input.hex"), EXPECTED_FILE=os.path.join(d, "expected.hex"))
        write_flags(os.path.join(d, "iverilog.flags"), "tb_dnngen_sparse_lane_mvu", flags)


# name: one dnngen_sparse_decoder run: a random group matrix and format.
DECODER_CONFIGS = [
    dict(name="rice0_bitmap", ROWS=5, COLS=24, FORMAT=RICE, PARAM=0, QMAX=16, WW=4, DENSITY=0.08),
    dict(name="rice2", ROWS=9, COLS=17, FORMAT=RICE, PARAM=2, QMAX=4, WW=4, DENSITY=0.2),
    dict(name="rice5_sparse", ROWS=6, COLS=64, FORMAT=RICE, PARAM=5, QMAX=2, WW=3, DENSITY=0.03),
    dict(name="relative3", ROWS=7, COLS=12, FORMAT=RELATIVE, PARAM=3, QMAX=0, WW=4, DENSITY=0.15),
    dict(name="relative1_dense", ROWS=3, COLS=5, FORMAT=RELATIVE, PARAM=1, QMAX=0, WW=8, DENSITY=0.9),
    dict(name="rice1_one_code", ROWS=1, COLS=4, FORMAT=RICE, PARAM=1, QMAX=2, WW=2, DENSITY=0.0),
    dict(name="rice2_span10_narrow", ROWS=30, COLS=5, FORMAT=RICE, PARAM=2, QMAX=12, WW=4, DENSITY=0.04),
    dict(name="relative5_span4", ROWS=20, COLS=8, FORMAT=RELATIVE, PARAM=5, QMAX=0, WW=4, DENSITY=0.05),
    dict(name="bitmap_span3", ROWS=12, COLS=7, FORMAT=RICE, PARAM=0, QMAX=20, WW=3, DENSITY=0.06),
]
DECODER_BATCHES = 3


def gen_decoder(out):
    for cfg in DECODER_CONFIGS:
        rng = random.Random("sparse-decoder-" + cfg["name"])
        rows, cols, ww = cfg["ROWS"], cfg["COLS"], cfg["WW"]
        w = [[(rng.randint(1, (1 << ww) - 1) if rng.random() < cfg["DENSITY"] else 0) for _ in range(cols)]
             for _ in range(rows)]
        if cfg["DENSITY"] == 0.0:
            w[0][cols - 1] = 1  # one code at the very end
        fmt, param, qmax = cfg["FORMAT"], cfg["PARAM"], cfg["QMAX"]
        bits, codes = encode_group(w, cols, fmt, param, qmax, INT, ww)
        sw = stream_width(fmt, param, qmax, ww)
        words = pack(bits, sw)
        # Expected decoded non-zeros, one word {row, col, value} per entry.
        rw, cw = clog2(rows + 1), max(1, clog2(cols))
        expected = []
        for lr, row in enumerate(w):
            for c, v in enumerate(row):
                if v:
                    expected.append((lr << (cw + ww)) | (c << ww) | to_bits(v, ww))
        flags = dict(FORMAT=fmt, INDEX_BITS=param if fmt == RELATIVE else 1, RICE_K=param if fmt == RICE else 0,
                     RICE_QMAX=qmax if fmt == RICE else 1, ROW_SPAN=row_span(fmt, param, qmax, cols),
                     WEIGHT_WIDTH=ww, COLS=cols, LOCAL_ROWS=rows,
                     ROW_WIDTH=rw, COL_WIDTH=cw, STREAM_WIDTH=sw, ADDR_WIDTH=max(1, clog2(len(words))),
                     WORDS=len(words), COUNT_WIDTH=max(1, codes.bit_length()), CODES=codes,
                     ENTRIES=len(expected), BATCHES=DECODER_BATCHES)
        write_run(out, "dec_" + cfg["name"], "tb_dnngen_sparse_decoder", flags, {
            "CODE_FILE": ("code.hex", words, sw),
            "EXPECTED_FILE": ("expected.hex", expected, rw + cw + ww),
        })


def main():
    run_generator(__doc__, {
        "lane": [c["name"] for c in LANE_CONFIGS],
        "decoder": [c["name"] for c in DECODER_CONFIGS],
    }, lambda out: (gen_lane(out), gen_decoder(out)))


if __name__ == "__main__":
    main()
