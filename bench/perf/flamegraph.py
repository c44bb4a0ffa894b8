"""Turns async-profiler's collapsed stacks into a small, static flame graph SVG.

   python3 bench/perf/flamegraph.py [--title T] [--minwidth PERCENT] profile.collapsed > out.svg

Frames narrower than --minwidth percent of all samples are left out (their time stays in
their parent), which keeps the file small enough to commit; hover a frame for its name,
samples and share.
"""
import argparse
import html
import sys

WIDTH, ROW, FONT = 1200, 16, 11


def color(name):
    if name.endswith("_[k]"):
        return "#e8a040"  # kernel
    if "::" in name or name.startswith(("__", "[")) or name.endswith(".so"):
        return "#e06060"  # native / JVM
    if name.endswith("_[i]") or name.endswith("_[j]") or "/" in name or "." in name:
        h = sum(map(ord, name)) % 60
        return f"rgb({80 + h},{180 + h // 2},{80 + h // 3})"  # Java
    return "#d0c050"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("collapsed")
    p.add_argument("--title", default="CPU flame graph")
    p.add_argument("--minwidth", type=float, default=0.25)
    a = p.parse_args()
    root = {"n": 0, "c": {}}
    with open(a.collapsed) as f:
        for line in f:
            stack, _, count = line.rstrip("\n").rpartition(" ")
            if not stack:
                continue
            n = int(count)
            root["n"] += n
            node = root
            for frame in stack.split(";"):
                node = node["c"].setdefault(frame, {"n": 0, "c": {}})
                node["n"] += n
    total = max(root["n"], 1)
    floor = total * a.minwidth / 100.0
    rects = []

    def walk(node, depth, x):
        for name, child in sorted(node["c"].items()):
            if child["n"] < floor:
                x += child["n"]
                continue
            rects.append((depth, x, child["n"], name))
            walk(child, depth + 1, x)
            x += child["n"]

    walk(root, 0, 0)
    depth = max((r[0] for r in rects), default=0) + 1
    height = (depth + 3) * ROW
    scale = (WIDTH - 20) / total
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
           f'font-family="monospace" font-size="{FONT}">',
           '<rect width="100%" height="100%" fill="#fafaf0"/>',
           f'<text x="10" y="{ROW}" font-size="13">{html.escape(a.title)} '
           f'({total} samples; frames under {a.minwidth}% left out)</text>']
    for d, x, n, name in rects:
        px, w = 10 + x * scale, n * scale
        y = height - (d + 1) * ROW - 4
        label = html.escape(name)
        share = 100.0 * n / total
        out.append(f'<g><title>{label} ({n} samples, {share:.2f}%)</title>'
                   f'<rect x="{px:.1f}" y="{y}" width="{max(w - 0.5, 0.5):.1f}" height="{ROW - 1}" '
                   f'fill="{color(name)}"/>')
        chars = int(w / (FONT * 0.6))
        if chars >= 4:
            text = name if len(name) <= chars else name[: chars - 2] + ".."
            out.append(f'<text x="{px + 2:.1f}" y="{y + ROW - 4}">{html.escape(text)}</text>')
        out.append("</g>")
    out.append("</svg>")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
