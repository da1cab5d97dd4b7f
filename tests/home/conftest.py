import pytest
from django.test import Client


@pytest.fixture
def editor_client(demo_site):
    from tests.factories.accounts import editor

    client = Client()
    user = editor()
    client.force_login(user)
    client.user = user
    return client
