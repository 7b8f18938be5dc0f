from django.urls import path

from . import views, views_documents

urlpatterns = [
    path("denuncias/", views.complaint_list, name="complaint-list"),
    path("denuncias/nueva/", views.complaint_edit, name="complaint-new"),
    path("denuncias/<int:pk>/", views.complaint_detail, name="complaint-detail"),
    path("denuncias/<int:pk>/editar/", views.complaint_edit, name="complaint-edit"),
    path("denuncias/<int:pk>/corregir/", views.complaint_correct, name="complaint-correct"),
    path("denuncias/<int:pk>/historial/", views.complaint_history_view, name="complaint-history"),
    path("denuncias/<int:pk>/documentos/", views_documents.document_issue, name="document-issue"),
    path("documentos/<int:pk>/pdf/", views_documents.document_pdf, name="document-pdf"),
    path("documentos/<int:pk>/respuesta/", views_documents.document_answer, name="document-answer"),
    path(
        "documentos/<int:pk>/respuesta/archivo/",
        views_documents.document_answer_file,
        name="document-answer-file",
    ),
    path("documentos/pendientes/", views_documents.pending_requests, name="document-pending"),
    path("formatos/", views_documents.paper_series, name="paper-series"),
    path("formatos/<int:pk>/pdf/", views_documents.paper_series_pdf, name="paper-series-pdf"),
    path("directorio/", views.directory, name="directory"),
    path("lugares/distritos/", views.districts, name="districts"),
]
