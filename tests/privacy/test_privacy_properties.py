"""Property tests: ordinary words never trigger the guard; a disclosure anywhere always does."""

from hypothesis import given
from hypothesis import strategies as st

from casework.privacy import find_status_disclosures

# Words from wage and injury notes in both languages. Words that change what a
# neighbouring phrase means are left out on purpose: "gave" ("gave no
# papers" is paperwork) and "de" ("sin papeles de pago" is a pay stub).
SAFE_WORDS = (
    "the worker was paid every friday in cash for sixty hours at the restaurant and "
    "she hurt her back lifting boxes in kitchen on monday manager owner boss never "
    "overtime tips wages late week night shift car wash deli store warehouse ladder "
    "complained union fired cook dishwasher delivery bike rain cold hot "
    "el trabajador le pagaban cada semana en efectivo por horas extras y la patrona "
    "nunca pago su salario cocina almacen se cayo espalda lunes martes propinas turno "
    "$1,234.56 $400 40 12.50 2024-03-15 (555) 201-9876 555-201-9876 11222 114 "
    "street avenue calle avenida brooklyn queens bronx"
).split()

REFUSED_PHRASES = (
    "undocumented",
    "has no papers",
    "doesn't have papers",
    "overstayed his visa",
    "DACA",
    "TPS",
    "asylum seeker",
    "green card",
    "permanent resident",
    "illegal alien",
    "work permit expired",
    "deportation order",
    "entered without inspection",
    "crossed the border",
    "U visa",
    "he is not a citizen",
    "born in Guatemala",
    "nationality",
    "passport number X1234567",
    "A-12345678",
    "A123456789",
    "123-45-6789",
    "912-78-1234",
    "sin papeles",
    "no tiene papeles",
    "indocumentada",
    "permiso de trabajo",
    "en proceso de asilo",
    "residente permanente",
    "tarjeta verde",
    "sin estatus",
    "orden de deportación",
    "cruzó la frontera",
    "visa de trabajo",
    "no es ciudadana",
    "nació en Honduras",
    "nacionalidad",
)

safe_text = st.lists(st.sampled_from(SAFE_WORDS), max_size=30).map(" ".join)


@given(safe_text)
def test_ordinary_words_in_any_order_never_trigger(text):
    assert find_status_disclosures(text) == []


@given(
    safe_text,
    st.sampled_from(REFUSED_PHRASES),
    st.data(),
    st.sampled_from([None, "en", "es"]),
)
def test_a_refused_phrase_anywhere_in_ordinary_text_always_triggers(text, phrase, data, locale):
    words = text.split()
    at = data.draw(st.integers(min_value=0, max_value=len(words)))
    before = " ".join(words[:at])
    combined = " ".join(part for part in (before, phrase, " ".join(words[at:])) if part)
    start = len(before) + 1 if before else 0
    end = start + len(phrase)
    assert combined[start:end] == phrase
    findings = find_status_disclosures(combined, locale)
    assert any(f.start < end and start < f.end for f in findings), (combined, findings)
