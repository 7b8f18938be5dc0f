"""The benchmark's URLconf: RETA's own, plus a bare view to measure the rest against.

Only scripts/bench.py points ROOT_URLCONF here (with the scripts folder on its path); the
application's settings never do, so the bare view does not exist in production.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path

from reta.urls import urlpatterns as reta_urlpatterns


@login_required
def bare(request):
    """What every page pays anyway: the whole middleware stack and a signed-in session."""
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare, name="bench-bare"), *reta_urlpatterns]
