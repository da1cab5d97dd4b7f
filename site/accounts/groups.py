"""The Django groups every permission check derives from (names are stable identifiers)."""

EDITORS = "Redacteuren"
REGION_STAFF = "Regiomedewerkers"
PROVIDER_MEMBERS = "Aanbieders"

ALL_GROUPS = (EDITORS, REGION_STAFF, PROVIDER_MEMBERS)
