from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "RETA"
admin.site.site_title = "RETA"

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("administration.urls")),
    path("", include("reporting.urls")),
    path("", include("alerts.urls")),
    path("", include("administration.statistics.urls")),
    path("", include("investigation.urls")),
]
