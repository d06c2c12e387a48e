"""Find the forms on Casework's pages by parsing their HTML, and fill them in."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser

TEXT_TYPES = {"text", "email", "tel", "search", "url", "password", "hidden", "textarea", ""}
SKIP_ACTIONS = ("/logout",)


@dataclass
class FormSpec:
    page: str
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)  # name -> page's value
    kinds: dict[str, str] = field(default_factory=dict)  # name -> input type / select
    options: dict[str, list[str]] = field(default_factory=dict)
    checkboxes: dict[str, str] = field(default_factory=dict)

    @property
    def key(self) -> tuple:
        return (self.action, tuple(sorted(self.kinds)))

    def text_fields(self) -> list[str]:
        return [n for n, k in self.kinds.items() if k in TEXT_TYPES and n not in {"csrf_token"}]

    def valid_values(self) -> dict[str, str]:
        """The page's own values, with plausible ones where the page left a blank."""
        data = dict(self.fields)
        for name, kind in self.kinds.items():
            if data.get(name):
                continue
            if kind == "date":
                data[name] = (date.today() - timedelta(days=10)).isoformat()
            elif kind == "number":
                data[name] = "10"
            elif kind == "select" and self.options.get(name):
                choices = [o for o in self.options[name] if o]
                data[name] = choices[0] if choices else ""
        return data


class _Parser(HTMLParser):
    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms: list[FormSpec] = []
        self.current: FormSpec | None = None
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self.current = FormSpec(
                page=self.page,
                action=a.get("action") or self.page,
                method=(a.get("method") or "get").lower(),
            )
            self.forms.append(self.current)
            return
        form = self.current
        if form is None or not a.get("name"):
            return
        name = a["name"]
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"}:
                form.kinds.setdefault(name, kind)
                form.options.setdefault(name, []).append(a.get("value", "y"))
                if "checked" in a:
                    form.fields[name] = a.get("value", "y")
                return
            form.kinds[name] = kind
            form.fields[name] = a.get("value", "")
        elif tag == "select":
            form.kinds[name] = "select"
            form.options[name] = []
            form.fields.setdefault(name, "")
            self.select = name
        elif tag == "textarea":
            form.kinds[name] = "textarea"
            form.fields[name] = ""
            self.textarea = name

    def handle_data(self, data):
        if self.textarea and self.current is not None:
            self.current.fields[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)


class _OptionParser(_Parser):
    def handle_starttag(self, tag, attrs):
        if tag == "option" and self.select and self.current is not None:
            a = {k: (v or "") for k, v in attrs}
            value = a.get("value", "")
            self.current.options[self.select].append(value)
            if "selected" in a:
                self.current.fields[self.select] = value
            return
        super().handle_starttag(tag, attrs)


def forms_on(page: str, html: str) -> list[FormSpec]:
    parser = _OptionParser(page)
    parser.feed(html)
    return [f for f in parser.forms if f.method == "post" and not f.action.startswith(SKIP_ACTIONS)]
