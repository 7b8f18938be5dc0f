"""A URL configuration for tests of error pages: the project's, plus a view that fails."""

from django.urls import path

from reta.urls import urlpatterns as project_urlpatterns


def failing_view(request):
    # A credential held in a local variable, as a failing connection would hold one.
    database_url = request.META["DATABASE_URL"]  # noqa: F841
    raise RuntimeError("boom")


urlpatterns = [path("__fail__/", failing_view), *project_urlpatterns]
