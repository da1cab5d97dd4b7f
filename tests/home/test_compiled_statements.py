"""home.statements: a queryset compiled once per process, run with each call's values in its placeholders."""

import pytest
from django.contrib.auth.models import Group

from home.statements import fetch

pytestmark = pytest.mark.django_db

PLACEHOLDER = -424_242


def test_compiled_once_and_run_with_each_calls_value():
    first, second = Group.objects.create(name="Eerste"), Group.objects.create(name="Tweede")
    built = []

    def build():
        built.append(1)
        return Group.objects.filter(pk=PLACEHOLDER).values_list("pk", "name")

    for group in (first, second, first):
        rows = fetch("test-statements:group", build, values={PLACEHOLDER: group.pk})
        assert rows == list(Group.objects.filter(pk=group.pk).values_list("pk", "name"))
    assert len(built) == 1
