"""Charts drawn as SVG on the server: no JavaScript, no inline style (the CSP forbids it).

Colours are presentation attributes (`fill=`) plus a class the stylesheet may refine.
Every chart is an `<svg role="img" aria-labelledby=...>` with a `<title>`; the page puts
a table with the same numbers beside it for screen readers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup, escape

#: Fills that keep 3:1 contrast on white and differ for colour-blind readers.
PALETTE = ("#1a4480", "#c05600", "#008817", "#6f3331")


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[Decimal | int]
    css_class: str = "bar"


def _fmt(value) -> str:
    return f"{float(value):.1f}".rstrip("0").rstrip(".")


def _nice_max(value) -> Decimal:
    """A round upper bound for the axis: 1, 2, 5 times a power of ten."""
    value = Decimal(value)
    if value <= 0:
        return Decimal(1)
    scale = Decimal(1)
    while scale * 10 <= value:
        scale *= 10
    while scale > value:
        scale /= 10
    for step in (1, 2, 5, 10):
        if step * scale >= value:
            return step * scale
    return 10 * scale  # pragma: no cover


def column_chart(
    chart_id: str,
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    value_label: Callable[[object], str] = str,
    width: int = 900,
    height: int = 360,
    x_title: str = "",
    y_title: str = "",
) -> Markup:
    """Grouped vertical bars, one group per label (months), one bar per series.

    Axis titles name what is counted; with one series each bar carries its value.
    """
    left, right, top, bottom = 96, 8, 40, 64
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = _nice_max(max([v for s in series for v in s.values] or [0]))
    groups = max(len(labels), 1)
    group_w = plot_w / groups
    bar_w = max(group_w * 0.8 / max(len(series), 1), 1)
    out = [
        f'<svg class="chart" id="{escape(chart_id)}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title" viewBox="0 0 {width} {height}" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
    ]
    for fraction in (0, Decimal("0.5"), 1):
        y = top + plot_h - float(fraction) * plot_h
        out.append(
            f'<line class="chart__grid" x1="{left}" x2="{width - right}" y1="{_fmt(y)}" '
            f'y2="{_fmt(y)}" stroke="#d0d0d0" stroke-width="1"/>'
        )
        out.append(
            f'<text class="chart__axis" x="{left - 6}" y="{_fmt(y + 5)}" text-anchor="end" '
            f'font-size="14" fill="#1b1b1b">{escape(value_label(top_value * fraction))}</text>'
        )
    if y_title:
        out.append(
            f'<text class="chart__axis-title" x="16" y="{_fmt(top + plot_h / 2)}" '
            f'text-anchor="middle" font-size="14" fill="#1b1b1b" '
            f'transform="rotate(-90 16 {_fmt(top + plot_h / 2)})">{escape(y_title)}</text>'
        )
    if x_title:
        out.append(
            f'<text class="chart__axis-title" x="{_fmt(left + plot_w / 2)}" y="{height - 6}" '
            f'text-anchor="middle" font-size="14" fill="#1b1b1b">{escape(x_title)}</text>'
        )
    every = max(1, -(-groups // 12))  # at most 12 labels under the axis
    for i, label in enumerate(labels):
        x0 = left + i * group_w + group_w * 0.1
        for j, s in enumerate(series):
            value = Decimal(s.values[i]) if i < len(s.values) else Decimal(0)
            h = float(value / top_value) * plot_h if top_value else 0
            out.append(
                f'<rect class="{escape(s.css_class)}" x="{_fmt(x0 + j * bar_w)}" '
                f'y="{_fmt(top + plot_h - h)}" width="{_fmt(bar_w)}" height="{_fmt(h)}" '
                f'fill="{PALETTE[j % len(PALETTE)]}"><title>{escape(label)}, {escape(s.name)}: '
                f"{escape(value_label(value))}</title></rect>"
            )
            if len(series) == 1 and value:
                out.append(
                    f'<text class="chart__value" x="{_fmt(x0 + (j + 0.5) * bar_w)}" '
                    f'y="{_fmt(top + plot_h - h - 4)}" text-anchor="middle" font-size="12" '
                    f'fill="#1b1b1b">{escape(value_label(value))}</text>'
                )
            elif value:
                out.append(
                    f'<text class="chart__value" x="{_fmt(x0 + (j + 0.5) * bar_w)}" '
                    f'y="{_fmt(top + plot_h - h - 4)}" text-anchor="middle" font-size="13" '
                    f'fill="#1b1b1b">{escape(value_label(value))}</text>'
                )
        if i % every == 0:
            out.append(
                f'<text class="chart__label" x="{_fmt(left + (i + 0.5) * group_w)}" '
                f'y="{height - bottom + 20}" text-anchor="middle" font-size="14" '
                f'fill="#1b1b1b">{escape(label)}</text>'
            )
    for j, s in enumerate(series):  # legend
        x = left + j * 200
        out.append(
            f'<rect x="{x}" y="6" width="16" height="16" fill="{PALETTE[j % len(PALETTE)]}"/>'
            f'<text x="{x + 22}" y="20" font-size="14" fill="#1b1b1b">{escape(s.name)}</text>'
        )
    out.append("</svg>")
    return Markup("".join(out))


def bar_chart(
    chart_id: str,
    title: str,
    labels: Sequence[str],
    values: Sequence[Decimal | int],
    *,
    value_label: Callable[[object], str] = str,
    width: int = 900,
) -> Markup:
    """Horizontal bars, one per label (advocates): long names stay readable."""
    row_h, left, right, top = 32, 240, 64, 8
    height = top * 2 + row_h * max(len(labels), 1)
    top_value = _nice_max(max(list(values) or [0]))
    plot_w = width - left - right
    out = [
        f'<svg class="chart" id="{escape(chart_id)}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title" viewBox="0 0 {width} {height}" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
    ]
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top + i * row_h
        w = float(Decimal(value) / top_value) * plot_w
        name = label if len(label) <= 26 else label[:25] + "…"
        out.append(
            f'<text class="chart__label" x="{left - 8}" y="{y + 21}" text-anchor="end" '
            f'font-size="15" fill="#1b1b1b">{escape(name)}</text>'
            f'<rect class="bar" x="{left}" y="{y + 4}" width="{_fmt(w)}" '
            f'height="{row_h - 8}" fill="{PALETTE[0]}"/>'
            f'<text class="chart__value" x="{_fmt(left + w + 6)}" y="{y + 21}" font-size="15" '
            f'fill="#1b1b1b">{escape(value_label(value))}</text>'
        )
    out.append("</svg>")
    return Markup("".join(out))
