from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("", views.search, name="search"),
    path("suggesties/", views.suggestions, name="suggestions"),
]
