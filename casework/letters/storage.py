"""A letter's document stored as JSON (encrypted by the letters service), and read back."""

from __future__ import annotations

import dataclasses
import json

from casework.letters.pdf_model import (
    Bullets,
    Heading,
    LetterDocument,
    Letterhead,
    Para,
    Signature,
    Spacer,
    Table,
)

_BLOCKS = {cls.__name__: cls for cls in (Heading, Para, Bullets, Table, Signature, Spacer)}


def _tuples(value):
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    return value


def to_json(doc: LetterDocument) -> str:
    """The document as JSON, every block tagged with its type."""
    data = dataclasses.asdict(doc)
    data["blocks"] = [
        {"type": type(block).__name__, **dataclasses.asdict(block)} for block in doc.blocks
    ]
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def from_json(text: str) -> LetterDocument:
    """Rebuild the document exactly as `to_json` stored it."""
    data = json.loads(text)
    blocks = []
    for raw in data.pop("blocks"):
        cls = _BLOCKS[raw.pop("type")]
        blocks.append(cls(**{k: _tuples(v) for k, v in raw.items()}))
    head = Letterhead(**{k: _tuples(v) for k, v in data.pop("letterhead").items()})
    return LetterDocument(
        letterhead=head, blocks=tuple(blocks), **{k: _tuples(v) for k, v in data.items()}
    )


def document_text(doc: LetterDocument) -> str:
    """Every word printed in the letter, for the immigration-status guard."""
    parts = [doc.subject, *doc.recipient_lines, doc.delivery_line, doc.footer_text]
    for block in doc.blocks:
        if isinstance(block, Heading | Para):
            parts.append(block.text)
        elif isinstance(block, Bullets | Signature):
            parts.extend(block.items if isinstance(block, Bullets) else block.lines)
        elif isinstance(block, Table):
            parts.extend((block.caption, *block.headers, *(block.total or ())))
            for row in block.rows:
                parts.extend(row)
    return "\n".join(p for p in parts if p)
