"""Plain-language explanations of each reason the guard refuses text."""

from casework.privacy.i18n import N_

# The Flask layer passes these msgids through gettext when it shows them.
REASON_MESSAGES: dict[str, str] = {
    "status_term": N_("mentions a person's immigration status"),
    "no_papers": N_("says whether a person has immigration papers"),
    "no_ssn": N_("says whether a person has a Social Security number"),
    "false_documents": N_("says a person used false or borrowed papers"),
    "overstay": N_("says a person stayed past a visa or permit"),
    "status_program": N_("names an immigration program, visa or application"),
    "entry": N_("describes how or when a person came into the country"),
    "deportation": N_("mentions deportation or immigration detention"),
    "citizenship": N_("says whether a person is a citizen"),
    "nationality": N_("mentions a person's nationality"),
    "country_of_birth": N_("says where a person was born or comes from"),
    "document_number": N_("looks like a passport, visa or other immigration document number"),
    "a_number": N_("looks like an immigration A-number"),
    "ssn": N_("looks like a Social Security or ITIN number"),
    "itin": N_("mentions an ITIN or looks like an ITIN number"),
}

# Shown once above the list of findings.
GUIDANCE = N_(
    "Casework never stores anyone's immigration status. Describe what the employer did "
    "(for example, threatened to call immigration) without saying what anyone's status is."
)
