from django.urls import path

from . import views, views_network, views_report

urlpatterns = [
    path("casos/", views.case_list, name="case-list"),
    path("casos/nuevo/", views.case_new, name="case-new"),
    path("casos/cruce/", views.crossing_search, name="crossing-search"),
    path("casos/acceso/", views.access_request, name="access-request"),
    path("casos/solicitudes/", views.access_requests, name="access-requests"),
    path("casos/solicitudes/<int:pk>/", views.access_decide, name="access-decide"),
    path("casos/<int:pk>/", views.case_detail, name="case-detail"),
    path("casos/<int:pk>/editar/", views.case_edit, name="case-edit"),
    path("casos/<int:pk>/estado/", views.case_state, name="case-state"),
    path("casos/<int:pk>/denuncias/", views.case_attach, name="case-attach"),
    path("casos/<int:pk>/compartir/", views.case_share, name="case-share"),
    path("casos/<int:pk>/acciones/", views.action_add, name="action-add"),
    path("casos/acciones/<int:pk>/anular/", views.action_annul, name="action-annul"),
    path("casos/<int:pk>/rutas/nueva/", views.route_edit, name="route-new"),
    path("casos/<int:pk>/rutas/<int:rid>/", views.route_edit, name="route-edit"),
    path("casos/<int:pk>/adjuntos/nuevo/", views.attachment_add, name="attachment-new"),
    path("casos/adjuntos/<int:pk>/", views.attachment_file, name="attachment-file"),
    path("casos/<int:pk>/registros/<slug:kind>/nuevo/", views.record_edit, name="record-new"),
    path("casos/<int:pk>/registros/<slug:kind>/<int:rid>/", views.record_edit, name="record-edit"),
    path(
        "casos/<int:pk>/registros/<slug:kind>/<int:rid>/historial/",
        views.record_history,
        name="record-history",
    ),
    path("casos/<int:pk>/red/", views_network.case_network, name="case-network"),
    path("casos/<int:pk>/informe/", views_report.report_issue, name="report-issue"),
    path("casos/informes/<int:pk>/pdf/", views_report.report_pdf, name="report-pdf"),
]
