"""The benchmark's outputs: a Markdown table and an SVG bar chart (no plotting library needed)."""

from __future__ import annotations

from html import escape


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def bar_chart(title: str, bars: list[tuple[str, float, str]], unit: str = "req/s") -> str:
    """Horizontal bars: (label, value, group). Groups get their own colour (ours vs the peer)."""
    colours = {"django": "#8a4b0f", "express": "#2f6f9f", "bare": "#5c5648"}
    label_width, bar_width, row_height = 330, 420, 22
    height = 40 + row_height * len(bars)
    top = max((value for _, value, _ in bars), default=1) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {label_width + bar_width + 90} {height}" '
        f'role="img" aria-label="{escape(title)}" font-family="sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
        f'<text x="4" y="18" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]
    for index, (label, value, group) in enumerate(bars):
        y = 30 + index * row_height
        width = max(1.0, bar_width * value / top)
        parts.append(f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end">{escape(label)}</text>')
        parts.append(
            f'<rect x="{label_width}" y="{y + 2}" width="{width:.1f}" height="{row_height - 6}" '
            f'fill="{colours.get(group, "#8a4b0f")}"/>'
        )
        parts.append(f'<text x="{label_width + width + 4:.1f}" y="{y + 14}">{value:,.0f} {unit}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
