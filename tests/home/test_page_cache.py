"""The anonymous page cache (home/cache.py) and the link-based language switch that keeps pages cacheable."""

import time

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory, override_settings

from home.cache import CSRF_FIELD, CSRF_PLACEHOLDER, AnonymousPageCacheMiddleware, purge, purge_path
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

cached = override_settings(PAGE_CACHE_SECONDS=60)


@cached
def test_anonymous_home_page_is_served_from_the_cache_the_second_time(client, demo_site):
    first = client.get("/")
    second = client.get("/")
    assert first["X-Cache"] == "MISS"
    assert second["X-Cache"] == "HIT"
    assert first.content == second.content
    assert "Cookie" in second["Vary"]
    # The security headers are part of the stored page.
    assert "script-src 'self'" in second["Content-Security-Policy"]


@cached
def test_anonymous_pages_carry_no_csrf_token_or_cookie(client, demo_site):
    response = client.get("/")
    assert b"csrfmiddlewaretoken" not in response.content
    assert not response.cookies


@cached
def test_publishing_a_page_purges_the_cache(client, demo_site):
    from home.models import NewsPage

    news = NewsPage.objects.live().first()
    assert client.get("/nieuws/")["X-Cache"] == "MISS"
    assert client.get("/nieuws/")["X-Cache"] == "HIT"

    news.title = "Een gloednieuwe kop voor de cachetest"
    news.save_revision().publish()

    response = client.get("/nieuws/")
    assert response["X-Cache"] == "MISS"
    assert "Een gloednieuwe kop voor de cachetest" in response.content.decode()


@cached
def test_unpublishing_purges_the_cache(client, demo_site):
    from home.models import NewsPage

    news = NewsPage.objects.live().first()
    assert news.title in client.get("/nieuws/").content.decode()
    assert client.get("/nieuws/")["X-Cache"] == "HIT"
    news.unpublish()
    response = client.get("/nieuws/")
    assert response["X-Cache"] == "MISS"
    assert news.title not in response.content.decode()


@cached
def test_deleting_a_page_purges_the_cache(client, demo_site):
    from home.models import NewsPage

    news = NewsPage.objects.live().first()
    client.get("/nieuws/")
    assert client.get("/nieuws/")["X-Cache"] == "HIT"
    news.delete()
    assert news.title not in client.get("/nieuws/").content.decode()


@cached
def test_moving_a_page_purges_the_cache(client, demo_site):
    from home.models import StandardPage

    pages = list(StandardPage.objects.live().order_by("path"))
    client.get("/")
    assert client.get("/")["X-Cache"] == "HIT"
    pages[0].move(demo_site, pos="last-child")
    assert client.get("/")["X-Cache"] == "MISS"


@cached
def test_signed_in_users_always_get_a_fresh_page(client, demo_site):
    client.get("/")
    assert client.get("/")["X-Cache"] == "HIT"
    user = UserFactory()
    client.force_login(user)
    response = client.get("/")
    assert "X-Cache" not in response
    assert "Uitloggen" in response.content.decode()


@cached
def test_unknown_query_parameters_and_errors_bypass_the_cache(client, demo_site):
    client.get("/nieuws/?utm_source=mail")
    assert "X-Cache" not in client.get("/nieuws/?utm_source=mail")
    client.get("/bestaat-niet/")
    assert "X-Cache" not in client.get("/bestaat-niet/")
    assert client.get("/bestaat-niet/").status_code == 404


@cached
def test_whitelisted_query_parameters_are_part_of_the_key(client, demo_site):
    assert client.get("/zoeken/?q=pleegzorg")["X-Cache"] == "MISS"
    assert client.get("/zoeken/?q=pleegzorg")["X-Cache"] == "HIT"
    assert client.get("/zoeken/?q=jeugd")["X-Cache"] == "MISS"


@cached
def test_each_language_has_its_own_entry(client, demo_site):
    dutch = client.get("/")
    client.get("/taal/en/?next=/")
    english = client.get("/")
    assert english["X-Cache"] == "MISS"
    assert '<html lang="en"' in english.content.decode()
    assert '<html lang="nl"' in dutch.content.decode()
    assert client.get("/")["X-Cache"] == "HIT"


@cached
def test_a_visitor_with_a_pending_message_gets_a_fresh_page(client, demo_site):
    client.get("/")
    client.cookies["messages"] = "anything"
    assert "X-Cache" not in client.get("/")


@cached
def test_a_page_whose_token_shows_up_outside_a_form_field_is_never_stored(rf: RequestFactory):
    calls = []

    def view_with_token_in_script(request):
        calls.append(1)
        token = get_token(request)
        field = f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
        return HttpResponse(f"<form method=post>{field}</form><script>var t = '{token}';</script>")

    middleware = AnonymousPageCacheMiddleware(view_with_token_in_script)
    for _ in range(2):
        response = middleware(rf.get("/kennisateliers/iets/"))
        assert "X-Cache" not in response
    assert len(calls) == 2


@cached
def test_a_page_with_a_form_is_stored_without_the_token_and_each_hit_gets_its_own(rf: RequestFactory):
    calls = []

    def view_with_form(request):
        calls.append(1)
        field = f'<input type="hidden" name="csrfmiddlewaretoken" value="{get_token(request)}">'
        return HttpResponse(f"<form method=post>{field}</form>")

    middleware = AnonymousPageCacheMiddleware(view_with_form)
    first = middleware(rf.get("/kennisateliers/iets/"))
    hits = [middleware(rf.get("/kennisateliers/iets/")) for _ in range(2)]

    assert len(calls) == 1
    assert first["X-Cache"] == "MISS" and all(hit["X-Cache"] == "HIT" for hit in hits)
    tokens = [CSRF_FIELD.search(response.content).group(2) for response in (first, *hits)]
    assert len(set(tokens)) == 3
    assert all(CSRF_PLACEHOLDER not in response.content for response in (first, *hits))


@cached
def test_purging_a_path_renders_only_that_path_again_once_the_counter_lag_has_passed(client, demo_site, monkeypatch):
    for path in ("/nieuws/", "/projecten/", "/projecten/?status=active"):
        client.get(path)
        assert client.get(path)["X-Cache"] == "HIT"
    purge_path("/projecten/")

    assert client.get("/projecten/")["X-Cache"] == "STALE"  # counters may lag PAGE_CACHE_COUNTER_SECONDS
    later = time.time() + settings.PAGE_CACHE_COUNTER_SECONDS + 1
    monkeypatch.setattr("home.cache._now", lambda: later)
    assert client.get("/projecten/")["X-Cache"] == "MISS"
    assert client.get("/projecten/?status=active")["X-Cache"] == "MISS"
    assert client.get("/nieuws/")["X-Cache"] == "HIT"


@cached
def test_an_out_of_date_page_is_rendered_once_while_other_visitors_get_the_previous_copy(rf: RequestFactory):
    version, meanwhile = {"n": 1}, []

    def view(request):
        if version["n"] == 2 and not meanwhile:
            meanwhile.append(middleware(rf.get("/kennisateliers/x/")))  # a second visitor during the render
        return HttpResponse(f"versie {version['n']}")

    middleware = AnonymousPageCacheMiddleware(view)
    middleware(rf.get("/kennisateliers/x/"))
    purge()
    version["n"] = 2

    fresh = middleware(rf.get("/kennisateliers/x/"))

    assert (fresh["X-Cache"], fresh.content) == ("MISS", b"versie 2")
    assert (meanwhile[0]["X-Cache"], meanwhile[0].content) == ("STALE", b"versie 1")
    after = middleware(rf.get("/kennisateliers/x/"))
    assert (after["X-Cache"], after.content) == ("HIT", b"versie 2")


@cached
def test_the_old_copy_of_a_page_that_no_longer_renders_is_never_served_again(rf: RequestFactory):
    status = {"code": 200}

    def view(request):
        return HttpResponse("was openbaar", status=status["code"])

    middleware = AnonymousPageCacheMiddleware(view)
    middleware(rf.get("/projecten/x/"))
    purge()
    status["code"] = 404

    for _ in range(2):
        response = middleware(rf.get("/projecten/x/"))
        assert response.status_code == 404
        assert "X-Cache" not in response


@cached
def test_responses_marked_private_or_setting_cookies_are_never_stored(rf: RequestFactory):
    def private_view(request):
        response = HttpResponse("persoonlijk")
        response["Cache-Control"] = "private"
        return response

    def cookie_view(request):
        response = HttpResponse("koekje")
        response.set_cookie("x", "1")
        return response

    for view in (private_view, cookie_view):
        middleware = AnonymousPageCacheMiddleware(view)
        middleware(rf.get("/a/"))
        assert "X-Cache" not in middleware(rf.get("/a/"))


def test_cache_is_off_by_default_in_tests(client, demo_site):
    client.get("/")
    assert "X-Cache" not in client.get("/")


def test_language_switch_is_a_link_that_sets_the_cookie_and_returns(client, demo_site):
    html = client.get("/nieuws/").content.decode()
    assert 'href="/taal/en/?next=/nieuws/"' in html
    response = client.get("/taal/en/?next=/nieuws/")
    assert response.status_code == 302
    assert response["Location"] == "/nieuws/"
    assert response.cookies["django_language"].value == "en"
    assert '<html lang="en"' in client.get("/nieuws/").content.decode()
    assert 'href="/taal/nl/?next=/"' in client.get("/").content.decode()


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", "/\\evil.example"]
)
def test_language_switch_never_redirects_off_site(client, demo_site, target):
    response = client.get("/taal/en/", {"next": target})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_language_switch_refuses_unknown_languages(client, demo_site):
    response = client.get("/taal/xx/?next=/")
    assert response.status_code == 404
    assert "django_language" not in response.cookies
