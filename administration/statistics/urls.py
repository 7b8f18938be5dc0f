from django.urls import path

from . import views

urlpatterns = [
    path("estadisticas/", views.home, name="statistics-home"),
    path("estadisticas/tabla/", views.table, name="statistics-table"),
    path("estadisticas/cruce/", views.crosstab_view, name="statistics-crosstab"),
    path("estadisticas/cruce/casos/", views.drilldown, name="statistics-cases"),
    path("estadisticas/monitoreo/", views.monitoring, name="statistics-monitoring"),
    path("estadisticas/prensa/", views.media_list, name="statistics-media"),
    path("estadisticas/prensa/nueva/", views.media_new, name="statistics-media-new"),
    path("estadisticas/prensa/<int:pk>/", views.media_report, name="statistics-media-report"),
    path("estadisticas/exportar/", views.export_create, name="statistics-export-create"),
    path("estadisticas/exportaciones/", views.export_list, name="statistics-exports"),
    path("estadisticas/exportaciones/<int:pk>/", views.export_detail, name="statistics-export"),
    path(
        "estadisticas/exportaciones/<int:pk>/archivo/",
        views.export_file,
        name="statistics-export-file",
    ),
]
