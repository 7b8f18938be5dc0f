from django.urls import path

from . import views

urlpatterns = [
    path("denuncias/", views.complaint_list, name="complaint-list"),
    path("denuncias/nueva/", views.complaint_edit, name="complaint-new"),
    path("denuncias/<int:pk>/", views.complaint_detail, name="complaint-detail"),
    path("denuncias/<int:pk>/editar/", views.complaint_edit, name="complaint-edit"),
    path("denuncias/<int:pk>/corregir/", views.complaint_correct, name="complaint-correct"),
    path("denuncias/<int:pk>/historial/", views.complaint_history_view, name="complaint-history"),
    path("directorio/", views.directory, name="directory"),
    path("lugares/distritos/", views.districts, name="districts"),
]
