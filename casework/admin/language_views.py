"""Admin -> Languages: each letter language's review status, and sample letters for reviewers."""

from __future__ import annotations

from flask import Blueprint, abort, make_response, render_template

from casework.authz import requires
from casework.letters import catalogs, samples
from casework.letters.forms import KIND_LABELS
from casework.letters.languages import ENDONYMS, ENGLISH_NAMES, LETTER_LANGUAGES, RIGHT_TO_LEFT

bp = Blueprint("languages", __name__, url_prefix="/admin/languages")


@bp.get("")
@requires("languages.review")
def index():
    rows = [
        {
            "code": review.language,
            "name": ENDONYMS[review.language],
            "english": ENGLISH_NAMES[review.language],
            "review": review,
            "source": review.language == "en",
            "rtl": review.language in RIGHT_TO_LEFT,
        }
        for review in catalogs.reviews()
    ]
    kinds = [(kind, KIND_LABELS[kind]) for kind in samples.KINDS]
    return render_template("admin/languages.html", rows=rows, kinds=kinds)


@bp.get("/<lang>/<kind>.pdf")
@requires("languages.review")
def sample(lang, kind):
    """A worker letter of that kind in that language, from fictitious data."""
    if lang not in LETTER_LANGUAGES or kind not in samples.KINDS:
        abort(404)
    response = make_response(samples.sample_pdf(kind, lang))
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f'inline; filename="sample-{kind}-{lang}.pdf"'
    return response
