"""Property-based tests of the privacy guard: every notation of personal data is caught, ordinary text passes."""

import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from home import privacy

# Not a global profile: other test modules keep Hypothesis' defaults.
guard_settings = settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

MONTHS = [
    ("januari", "jan"),
    ("februari", "feb"),
    ("maart", "mrt"),
    ("april", "apr"),
    ("mei", "mei"),
    ("juni", "jun"),
    ("juli", "jul"),
    ("augustus", "aug"),
    ("september", "sep"),
    ("oktober", "okt"),
    ("november", "nov"),
    ("december", "dec"),
]


@st.composite
def bsns(draw):
    """A valid BSN (11-proef) in one of the common notations."""
    first = f"{draw(st.integers(1, 99_999_999)):08d}"
    last = sum(int(d) * w for d, w in zip(first, range(9, 1, -1), strict=True)) % 11
    if last == 10:  # no check digit exists for these eight: change the last of them so one does
        first = first[:7] + str((int(first[7]) + 1) % 10)
        last = sum(int(d) * w for d, w in zip(first, range(9, 1, -1), strict=True)) % 11
    digits = first + str(last)
    assert privacy.passes_eleven_test(digits)
    layout = draw(st.sampled_from([(9,), (4, 2, 3), (3, 3, 3), (2, 2, 2, 3)]))
    separator = draw(st.sampled_from(["", " ", ".", "-"]))
    parts, i = [], 0
    for size in layout:
        parts.append(digits[i : i + size])
        i += size
    return separator.join(parts)


def date_notations(date: datetime.date):
    d, m, y = date.day, date.month, date.year
    long_month, short_month = MONTHS[m - 1]
    return [
        f"{d:02d}-{m:02d}-{y}",
        f"{d}-{m}-{y}",
        f"{d}/{m}/{y % 100:02d}",
        f"{d:02d}/{m:02d}/{y}",
        f"{d}.{m}.{y}",
        f"{y}-{m:02d}-{d:02d}",
        f"{d} {long_month} {y}",
        f"{d} {short_month}. {y}",
        f"{d} {short_month} {y}",
        f"{d} {long_month} '{y % 100:02d}",
    ]


@st.composite
def written_dates(draw):
    date = draw(st.dates(datetime.date(1940, 1, 1), datetime.date(2030, 12, 31)))
    return draw(st.sampled_from(date_notations(date)))


BIRTH_CONTEXTS = [
    "geboren {}",
    "geboren op {}",
    "geb. {}",
    "Geboortedatum: {}",
    "DOB {}",
    "leeftijd 14 ({})",
    "De jongen ({}) woont thuis",
    "moeder, {}, werkt",
]


@st.composite
def postcodes_with_number(draw):
    digits = str(draw(st.integers(1000, 9999)))
    letters = draw(st.text("ABCEFGHJKLMNPRTVWXYZ", min_size=2, max_size=2))
    letters = draw(st.sampled_from([letters, letters.lower(), letters[0] + letters[1].lower()]))
    if letters.upper() in ("SA", "SD", "SS"):
        letters = "AB"
    space = draw(st.sampled_from(["", " "]))
    if space and not letters.isupper() and letters.lower() in privacy._NOT_POSTCODE_LETTERS:
        letters = letters.upper()
    number = str(draw(st.integers(1, 2500)))
    suffix = draw(st.sampled_from(["", "a", "A", "B", "-II", "-1", " bis", "-hs"]))
    postcode = f"{digits}{space}{letters}"
    house = f"{number}{suffix}"
    street = draw(st.sampled_from(["Bergstraat", "Stationsweg", "Kerkplein", "Van Goghlaan"]))
    return draw(
        st.sampled_from(
            [f"{postcode} {house}", f"{postcode}, {house}", f"{postcode},{house}", f"{street} {house}, {postcode}"]
        )
    )


@st.composite
def phone_numbers(draw):
    mobile = "".join(map(str, draw(st.lists(st.integers(0, 9), min_size=8, max_size=8))))
    area = draw(st.sampled_from(["318", "30", "20", "26", "85"]))
    rest = "".join(map(str, draw(st.lists(st.integers(0, 9), min_size=9 - len(area), max_size=9 - len(area)))))
    return draw(
        st.sampled_from(
            [
                f"06-{mobile}",
                f"06 {mobile[:4]} {mobile[4:]}",
                f"+31 6 {mobile[:4]} {mobile[4:]}",
                f"+316{mobile}",
                f"0{area}-{rest}",
                f"(0{area}) {rest}",
                f"0031 {area} {rest}",
            ]
        )
    )


emails = st.builds(
    lambda user, domain, tld: f"{user}@{domain}.{tld}",
    st.from_regex(r"[a-z][a-z0-9._+-]{0,15}[a-z0-9]", fullmatch=True),
    st.from_regex(r"[a-z][a-z0-9-]{0,15}[a-z0-9]", fullmatch=True),
    st.sampled_from(["nl", "com", "org", "eu"]),
)

SENTENCES = ["Het gaat om {}.", "{}", "Zie: {} (dossier)", "<p>In het verslag: <b>{}</b></p>"]


def kinds(text):
    return {f.kind for f in privacy.find_personal_data(text)}


@guard_settings
@given(bsns(), st.sampled_from(SENTENCES))
def test_every_valid_bsn_is_caught(bsn, sentence):
    assert privacy.BSN in kinds(sentence.format(bsn))


@guard_settings
@given(st.integers(100_000_000, 999_999_999))
def test_nine_digits_are_a_bsn_exactly_when_they_pass_the_eleven_test(number):
    found = privacy.BSN in kinds(f"Nummer {number} genoteerd.")
    assert found == privacy.passes_eleven_test(str(number))


@guard_settings
@given(written_dates(), st.sampled_from(BIRTH_CONTEXTS))
def test_every_date_of_birth_is_caught(date, context):
    assert privacy.BIRTH_DATE in kinds(context.format(date))


@guard_settings
@given(postcodes_with_number(), st.sampled_from(SENTENCES))
def test_every_postcode_with_house_number_is_caught(address, sentence):
    assert privacy.ADDRESS in kinds(sentence.format(address))


@guard_settings
@given(phone_numbers(), st.sampled_from(SENTENCES))
def test_every_phone_number_is_caught(number, sentence):
    assert privacy.PHONE in kinds(sentence.format(number))


@guard_settings
@given(emails, st.sampled_from(SENTENCES))
def test_every_email_address_is_caught(address, sentence):
    assert privacy.EMAIL in kinds(sentence.format(address))


# Ordinary project text: must never block.
MEETING_CONTEXTS = [
    "Het project startte op {}.",
    "Op {} is het plan besproken in de stuurgroep.",
    "Looptijd: {} tot en met eind 2024.",
    "De jongeren kregen vanaf {} begeleiding.",
    "Peildatum {}: 57 jongeren.",
]


@guard_settings
@given(written_dates(), st.sampled_from(MEETING_CONTEXTS))
def test_dates_of_meetings_and_projects_pass(date, context):
    assert kinds(context.format(date)) == set()


ordinary = st.one_of(
    st.integers(1990, 2030).map(lambda y: f"In {y} daalde het aantal."),
    st.tuples(st.integers(2015, 2025), st.integers(1, 6)).map(lambda t: f"Over {t[0]}-{t[0] + t[1]} gemeten."),
    st.tuples(st.integers(10, 999), st.integers(1, 500)).map(lambda t: f"Van {t[0]} → {t[1]} jongeren."),
    st.integers(1, 100).map(lambda p: f"Een daling van {p}%."),
    st.integers(1_000, 999_999_999).map(lambda a: f"Budget € {a:,}".replace(",", ".")),
    st.integers(100_000_000, 999_999_999).map(lambda a: f"Een budget van {a:,} euro.".replace(",", ".")),
    st.tuples(st.integers(1, 12), st.integers(1, 20)).map(lambda t: f"Op grond van artikel {t[0]}.{t[1]} Jeugdwet."),
    st.tuples(st.integers(1, 52), st.sampled_from(["dagen", "weken", "maanden"])).map(
        lambda t: f"Binnen {t[0]} {t[1]} passende hulp."
    ),
    st.tuples(st.integers(2015, 2025), st.integers(1, 40)).map(lambda t: f"In {t[0]} en {t[1]} gemeenten."),
    st.tuples(st.integers(1, 23), st.integers(0, 59)).map(lambda t: f"Start om {t[0]}.{t[1]:02d} uur."),
    st.decimals(0, 10_000, places=1).map(lambda d: f"Gemiddeld {str(d).replace('.', ',')} uur per casus."),
)


@guard_settings
@given(st.lists(ordinary, min_size=1, max_size=5))
def test_ordinary_project_text_passes(sentences):
    assert kinds(" ".join(sentences)) == set()
